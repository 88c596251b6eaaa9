import { Badge, Tooltip } from '@mantine/core';
import type { ComplianceFigures, ComplianceStatus, Oversight } from '../../api/quality.ts';

const COMPLIANCE: Record<ComplianceStatus, { color: string; label: string }> = {
  compliant: { color: 'teal', label: 'Compliant' },
  at_risk: { color: 'orange', label: 'At risk' },
  non_compliant: { color: 'red', label: 'Non-compliant' },
  not_assessed: { color: 'gray', label: 'Not assessed' },
};

export function ComplianceBadge({ figures }: { figures: ComplianceFigures }) {
  const { color, label } = COMPLIANCE[figures.status];
  const rate =
    figures.passRate === null
      ? 'no checks recorded'
      : `${Math.round(figures.passRate * 100)} % of checks passed`;
  return (
    <Tooltip label={`${rate} · ${figures.overdueActions} overdue action(s)`}>
      <Badge color={color} variant="light" radius="sm" data-testid="compliance-badge">
        {label}
      </Badge>
    </Tooltip>
  );
}

const OVERSIGHT: Record<Oversight, string> = { intensive: 'red', standard: 'blue', light: 'teal' };

export function OversightBadge({ oversight }: { oversight: Oversight }) {
  return (
    <Tooltip label={`${oversight} oversight`}>
      <Badge color={OVERSIGHT[oversight]} variant="light" radius="sm" miw={84} data-testid="oversight-badge">
        {oversight}
      </Badge>
    </Tooltip>
  );
}

const SEVERITY: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={SEVERITY[severity] ?? 'gray'} variant="light" radius="sm" size="sm">
      {severity}
    </Badge>
  );
}

export function ResultBadge({ result }: { result: 'pass' | 'fail' | 'na' }) {
  const color = result === 'pass' ? 'teal' : result === 'fail' ? 'red' : 'gray';
  return (
    <Badge color={color} variant="light" size="xs" radius="sm">
      {result === 'na' ? 'n/a' : result}
    </Badge>
  );
}
