import { Badge, Text } from '@mantine/core';
import { BAND_COLORS, type Band, type IssuePriority, type RiskLevel } from '../api/risk-types.ts';
import { humanize } from '../lib/format.ts';

export function ScoreBadge({ score, band }: { score: number | null; band: Band | null }) {
  if (score === null) return <>—</>;
  return (
    <Badge variant="filled" radius="sm" style={{ background: band ? BAND_COLORS[band] : 'gray' }} miw={36}>
      {score}
    </Badge>
  );
}

const PRIORITY_COLORS: Record<IssuePriority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export function PriorityBadge({ priority }: { priority: IssuePriority }) {
  return (
    <Badge variant="light" color={PRIORITY_COLORS[priority]} radius="sm">
      {humanize(priority)}
    </Badge>
  );
}

/** Where an item sits now, and (on a second line) where it came from when it was escalated. */
export function LevelLabel({
  scopeType,
  scopeName,
  originScopeName,
  escalated,
}: {
  scopeType: RiskLevel;
  scopeName: string | null;
  originScopeName: string | null;
  escalated: boolean;
}) {
  return (
    <div>
      <Text size="sm" lh={1.3}>
        {scopeName ?? humanize(scopeType)}
      </Text>
      {escalated && (
        <Text size="xs" c="grape.7" lh={1.2} data-testid="escalated-from">
          ↑ escalated from {originScopeName}
        </Text>
      )}
    </div>
  );
}
