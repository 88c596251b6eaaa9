import { Badge, Text } from '@mantine/core';
import type { Rag, ReportStatus } from '../../api/status-reports.ts';

const RAG_COLOR: Record<Rag, string> = { green: 'green', amber: 'yellow', red: 'red' };

/** A RAG rating as a filled badge; "not rated" or "not measured" when there is none. */
export function RagBadge({ rag, empty = 'not rated' }: { rag: Rag | null | undefined; empty?: string }) {
  if (!rag)
    return (
      <Text size="xs" c="dimmed" span>
        {empty}
      </Text>
    );
  return (
    <Badge color={RAG_COLOR[rag]} variant="filled" size="sm" radius="sm" data-rag={rag} miw={64}>
      {rag}
    </Badge>
  );
}

const STATUS_COLOR: Record<ReportStatus, string> = { draft: 'gray', submitted: 'blue', reviewed: 'teal' };

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm" radius="sm" data-testid="report-status">
      {status === 'submitted' ? 'awaiting review' : status}
    </Badge>
  );
}
