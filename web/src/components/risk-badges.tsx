import { Badge } from '@mantine/core';
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

/** Where an item sits now, and where it came from when it was escalated. */
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
    <>
      {scopeName ?? humanize(scopeType)}
      {escalated && (
        <Badge
          ml={6}
          size="xs"
          variant="light"
          color="grape"
          radius="sm"
          title={`Escalated from ${originScopeName}`}
        >
          ↑ from {originScopeName}
        </Badge>
      )}
    </>
  );
}
