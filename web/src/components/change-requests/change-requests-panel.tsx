import { Button, EmptyState, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconGitPullRequest, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type ChangeLevel,
  type ChangeRequestDetail,
  changeApi,
  changeKeys,
} from '../../api/change-requests.ts';
import { formatDateTime, formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { ChangeRequestDetailModal, DecisionTimeline, StatusBadge } from './change-request-detail.tsx';
import { ChangeRequestForm } from './change-request-form.tsx';
import { OperationsEditor, useTaskPool } from './operations-editor.tsx';

/** Change control of a project or a program: its requests, the form to raise one, and its decision log. */
export function ChangeRequestsPanel({
  level,
  scopeId,
  canRequest,
  currency,
}: {
  level: ChangeLevel;
  scopeId: string;
  canRequest: boolean;
  currency: string;
}) {
  const list = useQuery({
    queryKey: changeKeys.list(level, scopeId),
    queryFn: ({ signal }) => changeApi.list(level, scopeId, signal),
  });
  const log = useQuery({
    queryKey: changeKeys.log(level, scopeId),
    queryFn: ({ signal }) => changeApi.log(level, scopeId, signal),
  });
  const pool = useTaskPool(level, scopeId, null);
  const taskName = (id: string) => pool.tasks.get(id)?.name ?? 'a task';
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState<{ existing?: ChangeRequestDetail } | null>(null);
  const items = list.data?.items ?? [];
  const worstDelta = (r: (typeof items)[number]) =>
    Math.max(0, ...(r.impact?.projects ?? []).map((p) => p.deltaWorkingDays));

  return (
    <Stack gap="md">
      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" mb="sm">
          <Text size="sm" c="dimmed">
            {level === 'program'
              ? "Changes to the program and to its projects. Each one's impact is computed on a what-if copy of the plan."
              : "Changes to this project's plan. Each one's impact is computed on a what-if copy of the plan."}
          </Text>
          {canRequest && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setForm({})}
              data-testid="new-change-request"
            >
              New change request
            </Button>
          )}
        </Group>
        {list.isLoading && <PageLoader />}
        <ProblemAlert error={list.error} />
        {list.data && items.length === 0 && (
          <EmptyState
            icon={<IconGitPullRequest />}
            title="No change requests"
            description="Requests to change the plan, budget or scope appear here with their computed impact."
          />
        )}
        {items.length > 0 && (
          <Table fz="sm" striped highlightOnHover verticalSpacing={5} data-testid="change-requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>No.</Table.Th>
                <Table.Th>Title</Table.Th>
                {level === 'program' && <Table.Th>Scope</Table.Th>}
                <Table.Th>Category</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Schedule impact</Table.Th>
                <Table.Th>Cost impact</Table.Th>
                <Table.Th>Requested</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setOpenId(r.id)}>
                  <Table.Td ff="monospace">CR-{r.number}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} c="blue.8">
                      {r.title}
                    </Text>
                  </Table.Td>
                  {level === 'program' && (
                    <Table.Td>
                      <Text size="xs">{r.scopeType === 'program' ? 'Program' : r.scopeName}</Text>
                    </Table.Td>
                  )}
                  <Table.Td>{humanize(r.category)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    {worstDelta(r) > 0 ? (
                      <Text size="sm" c="red.7" fw={600}>
                        +{worstDelta(r)} working days
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        none
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatMoney(r.costImpact, currency)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{r.requestedByName ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(r.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder radius="sm" p="md">
        <Title order={5} mb="sm">
          Decision log
        </Title>
        <ProblemAlert error={log.error} />
        {log.data && <DecisionTimeline entries={log.data.items} withTitle />}
      </Paper>
      {openId && (
        <ChangeRequestDetailModal
          id={openId}
          currency={currency}
          taskName={taskName}
          onClose={() => setOpenId(null)}
          onEdit={(existing) => {
            setOpenId(null);
            setForm({ existing });
          }}
        />
      )}
      {form && (
        <ChangeRequestForm
          level={level}
          scopeId={scopeId}
          existing={form.existing}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            setOpenId(saved.id);
          }}
          editor={(ops, onChange) => (
            <OperationsEditor
              level={level}
              scopeId={scopeId}
              projectId={level === 'project' ? scopeId : null}
              value={ops}
              onChange={onChange}
            />
          )}
        />
      )}
    </Stack>
  );
}
