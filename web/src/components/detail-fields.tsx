import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DetailField {
  label: string;
  value: ReactNode;
  /** Spans the full width (long text). */
  wide?: boolean;
}

/** Label-over-value pairs in a dense responsive grid. */
export function DetailFields({ fields, cols = 4 }: { fields: DetailField[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: cols }} spacing="md" verticalSpacing="sm">
      {fields.map((f) => (
        <Box key={f.label} style={f.wide ? { gridColumn: '1 / -1' } : undefined}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            {f.label}
          </Text>
          {typeof f.value === 'string' || typeof f.value === 'number' ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {f.value === '' ? '—' : f.value}
            </Text>
          ) : (
            <Box fz="sm">{f.value ?? '—'}</Box>
          )}
        </Box>
      ))}
    </SimpleGrid>
  );
}
