import { Badge, Table, Text } from '@mantine/core';
import type { StatusReport } from '../../api/status-reports.ts';
import { formatDate, formatDateTime, humanize } from '../../lib/format.ts';
import { RagBadge, ReportStatusBadge } from './rag.tsx';

/**
 * The cells every table of status reports shows for one report, in this order: period, status,
 * the manager's overall RAG, the computed one, the dimensions where they disagree, and who
 * submitted it when. `computedEmpty` stands where no computed RAG exists yet.
 */
export function ReportCells({ report: r, computedEmpty }: { report: StatusReport; computedEmpty: string }) {
  return (
    <>
      <Table.Td>
        {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
      </Table.Td>
      <Table.Td>
        <ReportStatusBadge status={r.status} />
      </Table.Td>
      <Table.Td>
        <RagBadge rag={r.overallRag} />
      </Table.Td>
      <Table.Td>
        <RagBadge rag={r.indicators?.overall} empty={computedEmpty} />
      </Table.Td>
      <Table.Td>
        {r.disagreements.length > 0 ? (
          <Badge color="red" variant="light" size="sm">
            {r.disagreements.map((d) => humanize(d.dimension)).join(', ')}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed">
            none
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs">{r.submittedByName ?? '—'}</Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(r.submittedAt)}
        </Text>
      </Table.Td>
    </>
  );
}
