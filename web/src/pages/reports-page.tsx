import { Badge, EmptyState, Paper, Table, Tabs, Text } from '@mantine/core';
import { IconAdjustments, IconClockExclamation, IconInbox, IconListCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type StatusReport, statusApi, statusKeys } from '../api/status-reports.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { PageLoader } from '../components/route-states.tsx';
import { ReportCells } from '../components/status/report-cells.tsx';
import { ReportModal } from '../components/status/report-detail.tsx';
import { ThresholdsEditor } from '../components/status/thresholds-editor.tsx';
import { formatDate, humanize } from '../lib/format.ts';

/** Status reporting across everything the reader oversees: the review queue, late reports and recent reports. */
export function ReportsPage() {
  const { can } = usePermissions();
  const awaiting = useQuery({
    queryKey: statusKeys.awaiting,
    queryFn: ({ signal }) => statusApi.list('submitted', signal),
  });
  const late = useQuery({ queryKey: statusKeys.late, queryFn: ({ signal }) => statusApi.late(signal) });
  const recent = useQuery({
    queryKey: statusKeys.recent,
    queryFn: ({ signal }) => statusApi.list(undefined, signal),
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const count = (n: number | undefined, color: string) =>
    n ? (
      <Badge size="xs" circle color={color}>
        {n}
      </Badge>
    ) : null;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Status reports' }]}
        title="Status reports"
        subtitle="Reports awaiting your review, projects late with their report, and the latest reports"
      />
      <Tabs defaultValue="awaiting" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab
            value="awaiting"
            leftSection={<IconInbox size={14} />}
            rightSection={count(awaiting.data?.total, 'blue')}
            data-testid="tab-awaiting"
          >
            Awaiting review
          </Tabs.Tab>
          <Tabs.Tab
            value="late"
            leftSection={<IconClockExclamation size={14} />}
            rightSection={count(late.data?.total, 'red')}
            data-testid="tab-late"
          >
            Late reports
          </Tabs.Tab>
          <Tabs.Tab value="recent" leftSection={<IconListCheck size={14} />} data-testid="tab-recent">
            All reports
          </Tabs.Tab>
          {can('admin') && (
            <Tabs.Tab
              value="thresholds"
              leftSection={<IconAdjustments size={14} />}
              data-testid="tab-thresholds"
            >
              Indicator thresholds
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="awaiting">
          <ReportTable
            query={awaiting}
            onOpen={setOpenId}
            empty="Nothing awaits your review."
            testId="awaiting-reports"
          />
        </Tabs.Panel>
        <Tabs.Panel value="late">
          <Paper withBorder radius="sm" p="sm">
            {late.isLoading && <PageLoader />}
            <ProblemAlert error={late.error} />
            {late.data && late.data.items.length === 0 && (
              <EmptyState
                icon={<IconClockExclamation />}
                title="No late reports"
                description="Every project on a cadence has reported on time."
              />
            )}
            {late.data && late.data.items.length > 0 && (
              <Table fz="sm" striped verticalSpacing={5} data-testid="late-reports">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Project</Table.Th>
                    <Table.Th>Program</Table.Th>
                    <Table.Th>Manager</Table.Th>
                    <Table.Th>Cadence</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Days late</Table.Th>
                    <Table.Th>Last status date</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {late.data.items.map((r) => (
                    <Table.Tr key={r.projectId}>
                      <Table.Td>
                        <AnchorLink to="/projects/$id" params={{ id: r.projectId }} size="sm" fw={500}>
                          {r.projectCode} · {r.projectName}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{r.programName ?? '—'}</Table.Td>
                      <Table.Td>{r.managerName ?? '—'}</Table.Td>
                      <Table.Td>{humanize(r.frequency)}</Table.Td>
                      <Table.Td>{formatDate(r.dueDate)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={700} c={r.daysLate > 7 ? 'red.7' : 'orange.7'}>
                          {r.daysLate}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.lastPeriodEnd ? formatDate(r.lastPeriodEnd) : 'never reported'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="recent">
          <ReportTable
            query={recent}
            onOpen={setOpenId}
            empty="No status reports yet."
            testId="recent-reports"
          />
        </Tabs.Panel>
        <Tabs.Panel value="thresholds">
          <ThresholdsEditor />
        </Tabs.Panel>
      </Tabs>
      {openId && <ReportModal id={openId} onClose={() => setOpenId(null)} withProject />}
    </>
  );
}

function ReportTable({
  query,
  onOpen,
  empty,
  testId,
}: {
  query: { data?: { items: StatusReport[] }; isLoading: boolean; error: unknown };
  onOpen: (id: string) => void;
  empty: string;
  testId: string;
}) {
  const items = query.data?.items ?? [];
  return (
    <Paper withBorder radius="sm" p="sm">
      {query.isLoading && <PageLoader />}
      <ProblemAlert error={query.error} />
      {query.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {items.length > 0 && (
        <Table fz="sm" striped highlightOnHover verticalSpacing={5} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Program</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Self-assessed</Table.Th>
              <Table.Th>Computed</Table.Th>
              <Table.Th>Disagreements</Table.Th>
              <Table.Th>Submitted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr
                key={r.id}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpen(r.id)}
                data-testid="report-row"
              >
                <Table.Td>
                  <Text size="sm" fw={500} c="blue.8">
                    {r.projectCode} · {r.projectName}
                  </Text>
                </Table.Td>
                <Table.Td>{r.programName ?? '—'}</Table.Td>
                <ReportCells report={r} computedEmpty="—" />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
