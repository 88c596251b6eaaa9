import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { Health, Role, Stage } from '../api/types.ts';
import { humanize, STAGE_COLORS } from '../lib/format.ts';

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge
      color={STAGE_COLORS[stage] ?? 'gray'}
      variant="light"
      size="sm"
      radius="sm"
      // Table cells may be squeezed; a stage name must never be cut to "EXEC…".
      style={{ flexShrink: 0, overflow: 'visible' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {humanize(stage)}
    </Badge>
  );
}

const HEALTH_COLORS: Record<Health, string> = { green: 'green.6', amber: 'yellow.5', red: 'red.6' };
const HEALTH_LABELS: Record<Health, string> = {
  green: 'On track',
  amber: 'At risk',
  red: 'Off track',
};

/** RAG status as a coloured dot and word; "Not rated" when the project has no status yet. */
export function HealthBadge({ health, withLabel = true }: { health: Health | null; withLabel?: boolean }) {
  if (!health) {
    return (
      <Text size="xs" c="dimmed">
        Not rated
      </Text>
    );
  }
  const dot = (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: 10,
        background: `var(--mantine-color-${HEALTH_COLORS[health].replace('.', '-')})`,
      }}
    />
  );
  return (
    <Tooltip label={HEALTH_LABELS[health]} disabled={withLabel} withArrow>
      <Group gap={6} wrap="nowrap" data-health={health}>
        {dot}
        {withLabel && (
          <Text size="xs" fw={500}>
            {humanize(health)}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}

const ROLE_COLORS: Record<Role, string> = {
  pmo_admin: 'grape',
  portfolio_manager: 'indigo',
  program_manager: 'blue',
  project_manager: 'cyan',
  team_member: 'gray',
  executive_viewer: 'teal',
  resource_manager: 'orange',
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge color={ROLE_COLORS[role] ?? 'gray'} variant="light" size="sm" radius="sm">
      {humanize(role)}
    </Badge>
  );
}
