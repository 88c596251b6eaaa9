import { Group, Text } from '@mantine/core';

/** The Orrery mark: a sun and one orbit. */
export function OrreryMark({ size = 22 }: { size?: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <ellipse cx="16" cy="16" rx="14" ry="6.5" fill="none" stroke="#1c7ed6" strokeWidth="2.2" />
        <circle cx="16" cy="16" r="5" fill="#1c7ed6" />
        <circle cx="28.5" cy="13" r="2.4" fill="#f59f00" />
      </svg>
      <Text fw={700} size="md" c="dark.7" style={{ letterSpacing: '-0.01em' }}>
        Orrery
      </Text>
    </Group>
  );
}
