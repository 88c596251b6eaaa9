import { Alert, Button, EmptyState, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { IconClockExclamation, IconPlus, IconReportAnalytics } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type StatusReportDetail, statusApi, statusKeys } from '../../api/status-reports.ts';
import { formatDate } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { CadenceEditor } from './cadence-editor.tsx';
import { ReportCells } from './report-cells.tsx';
import { ReportModal, ReportView } from './report-detail.tsx';
import { ReportForm } from './report-form.tsx';

const isoToday = () => new Date().toISOString().slice(0, 10);
const dayAfter = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString().slice(0, 10);

/** A project's status reporting: its cadence, the latest report against the data, and the history. */
export function StatusPanel({
  projectId,
  canSubmit,
  canReview,
}: {
  projectId: string;
  canSubmit: boolean;
  canReview: boolean;
}) {
  const list = useQuery({
    queryKey: statusKeys.project(projectId),
    queryFn: ({ signal }) => statusApi.ofProject(projectId, signal),
  });
  const cadence = useQuery({
    queryKey: statusKeys.cadence(projectId),
    queryFn: ({ signal }) => statusApi.cadence(projectId, signal),
  });
  const items = list.data?.items ?? [];
  const latest = items[0];
  const latestDetail = useQuery({
    queryKey: statusKeys.item(latest?.id ?? 'none'),
    queryFn: ({ signal }) => statusApi.get(latest?.id as string, signal),
    enabled: Boolean(latest),
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState<{ existing?: StatusReportDetail } | null>(null);
  const lastSubmitted = items.find((r) => r.status !== 'draft');
  const defaults = {
    periodStart: lastSubmitted ? dayAfter(lastSubmitted.periodEnd) : `${isoToday().slice(0, 8)}01`,
    periodEnd: isoToday(),
  };

  return (
    <Stack gap="md">
      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" align="center">
          {cadence.data ? (
            <CadenceEditor
              key={cadence.data.cadence?.version ?? 'none'}
              projectId={projectId}
              cadence={cadence.data}
              canEdit={canReview}
            />
          ) : (
            <ProblemAlert error={cadence.error} />
          )}
          {canSubmit && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setForm({})}
              data-testid="new-report"
            >
              New status report
            </Button>
          )}
        </Group>
        {cadence.data?.missedDueDate && (
          <Alert color="red" mt="sm" icon={<IconClockExclamation size={18} />} data-testid="late-alert">
            The report due {formatDate(cadence.data.missedDueDate)} is late; the program manager and the PMO
            have been told.
          </Alert>
        )}
      </Paper>
      {list.isLoading && <PageLoader />}
      <ProblemAlert error={list.error} />
      {list.data && items.length === 0 && (
        <EmptyState
          icon={<IconReportAnalytics />}
          title="No status reports yet"
          description="Periodic reports with the manager's RAG beside the indicators computed from the plan appear here."
        />
      )}
      {latestDetail.data && (
        <Paper withBorder radius="sm" p="md" data-testid="latest-report">
          <Title order={5} mb="sm">
            Latest report
          </Title>
          <ReportView report={latestDetail.data} onEdit={(existing) => setForm({ existing })} />
        </Paper>
      )}
      {items.length > 0 && (
        <Paper withBorder radius="sm" p="md">
          <Title order={5} mb="sm">
            History
          </Title>
          <Table fz="sm" striped highlightOnHover verticalSpacing={5} data-testid="report-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Overall</Table.Th>
                <Table.Th>Computed</Table.Th>
                <Table.Th>Disagreements</Table.Th>
                <Table.Th>Submitted</Table.Th>
                <Table.Th>Comments</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setOpenId(r.id)}>
                  <ReportCells report={r} computedEmpty={r.status === 'draft' ? 'at submission' : '—'} />
                  <Table.Td>{r.commentCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {openId && (
        <ReportModal
          id={openId}
          onClose={() => setOpenId(null)}
          onEdit={(existing) => {
            setOpenId(null);
            setForm({ existing });
          }}
        />
      )}
      {form && (
        <ReportForm
          projectId={projectId}
          existing={form.existing}
          defaults={defaults}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            // A report for an earlier period is not the latest one shown above: open it.
            if (latest && saved.id !== latest.id && saved.periodEnd < latest.periodEnd) setOpenId(saved.id);
          }}
        />
      )}
    </Stack>
  );
}
