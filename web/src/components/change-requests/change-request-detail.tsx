import { Alert, Badge, Button, Divider, Group, Modal, Stack, Text, Textarea, Timeline } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconClock,
  IconEye,
  IconPencil,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type ChangeDecisionEntry,
  type ChangeOperation,
  type ChangeRequestDetail,
  changeApi,
  changeKeys,
  DAY_MINUTES,
  statusColors,
} from '../../api/change-requests.ts';
import { formatDateTime, formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { ChangeImpactView } from './change-impact-view.tsx';

export function StatusBadge({ status, testId }: { status: ChangeRequestDetail['status']; testId?: string }) {
  return (
    <Badge color={statusColors[status]} variant="light" radius="sm" size="sm" data-testid={testId}>
      {humanize(status)}
    </Badge>
  );
}

function describe(op: ChangeOperation, name: (id: string) => string): string {
  switch (op.op) {
    case 'update_task': {
      const parts: string[] = [];
      if (op.changes.durationMinutes !== undefined)
        parts.push(`duration ${op.changes.durationMinutes / DAY_MINUTES} d`);
      if (op.changes.constraintDate)
        parts.push(`start no earlier than ${op.changes.constraintDate.slice(0, 10)}`);
      return `Change "${name(op.taskId)}": ${parts.join(', ') || 'no field'}`;
    }
    case 'add_task':
      return `Add task "${op.name}" (${op.durationMinutes / DAY_MINUTES} d)`;
    case 'delete_task':
      return `Delete "${name(op.taskId)}"`;
    case 'add_link':
      return `Link "${name(op.predecessorId)}" → "${name(op.successorId)}" (${op.type ?? 'FS'}${op.lagMinutes ? `, lag ${op.lagMinutes / DAY_MINUTES} d` : ''})`;
    case 'remove_link':
      return `Unlink "${name(op.predecessorId)}" → "${name(op.successorId)}"`;
    case 'update_link':
      return `Change link "${name(op.predecessorId)}" → "${name(op.successorId)}"${op.type ? ` to ${op.type}` : ''}${op.lagMinutes !== undefined ? `, lag ${op.lagMinutes / DAY_MINUTES} d` : ''}`;
  }
}

export function DecisionTimeline({
  entries,
  withTitle,
}: {
  entries: ChangeDecisionEntry[];
  withTitle?: boolean;
}) {
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No decisions yet.
      </Text>
    );
  return (
    <Timeline bulletSize={18} lineWidth={2} data-testid="decision-log">
      {entries.map((d) => (
        <Timeline.Item
          key={d.id}
          color={statusColors[d.toStatus]}
          title={
            <Group gap={6}>
              {withTitle && (
                <Text size="sm" fw={600}>
                  CR-{d.number} {d.title}:
                </Text>
              )}
              <Text size="sm">{d.fromStatus ? `${humanize(d.fromStatus)} → ` : ''}</Text>
              <StatusBadge status={d.toStatus} />
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {d.actorLabel} · {formatDateTime(d.at)}
          </Text>
          {d.note && <Text size="sm">{d.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** One request: what it asks, its computed impact, its log, and the buttons its reader may use. */
export function ChangeRequestDetailModal({
  id,
  currency,
  taskName,
  onClose,
  onEdit,
}: {
  id: string;
  currency: string;
  taskName: (id: string) => string;
  onClose: () => void;
  onEdit: (request: ChangeRequestDetail) => void;
}) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: changeKeys.item(id),
    queryFn: ({ signal }) => changeApi.get(id, signal),
  });
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (action: 'review' | 'recompute' | 'approve' | 'reject' | 'defer') =>
      action === 'review'
        ? changeApi.review(id, note)
        : action === 'recompute'
          ? changeApi.recompute(id)
          : changeApi.decide(id, action, note),
    onSuccess: async () => {
      setNote('');
      await qc.invalidateQueries({ queryKey: changeKeys.all });
      await qc.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: () => qc.invalidateQueries({ queryKey: changeKeys.item(id) }),
  });
  const r = query.data;
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      radius="md"
      title={r ? `CR-${r.number} · ${r.title}` : 'Change request'}
      data-testid="cr-detail"
    >
      {query.isLoading && <PageLoader />}
      <ProblemAlert error={query.error} />
      {r && (
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={r.status} testId="cr-detail-status" />
            <Badge variant="outline" color="gray" size="sm" radius="sm">
              {r.scopeType === 'program' ? 'Program' : 'Project'}: {r.scopeName}
            </Badge>
            <Badge variant="outline" color="gray" size="sm" radius="sm">
              {humanize(r.category)}
            </Badge>
            <Text size="xs" c="dimmed">
              Requested by {r.requestedByName ?? '—'} · {formatDateTime(r.createdAt)} · cost estimate{' '}
              {formatMoney(r.costImpact, currency)}
            </Text>
          </Group>
          {r.reason && (
            <Text size="sm">
              <b>Reason:</b> {r.reason}
            </Text>
          )}
          {r.description && <Text size="sm">{r.description}</Text>}
          {r.applyError && (
            <Alert
              color="red"
              icon={<IconAlertTriangle size={18} />}
              title="Approval not applied"
              data-testid="apply-error"
            >
              {r.applyError}. Nothing of the plan was changed; the request is still under review.
            </Alert>
          )}
          <Divider label="Plan changes" labelPosition="left" />
          {r.operations.length === 0 ? (
            <Text size="sm" c="dimmed">
              No plan changes.
            </Text>
          ) : (
            <Stack gap={2}>
              {r.operations.map((op, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: operations are positional (applied in order)
                <Text key={`${op.op}-${i}`} size="sm">
                  {i + 1}. {describe(op, taskName)}
                </Text>
              ))}
            </Stack>
          )}
          <Divider label="Computed impact" labelPosition="left" />
          <ChangeImpactView impact={r.impact} currency={currency} />
          {r.allowed.recompute && (
            <Group>
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconRefresh size={12} />}
                loading={act.isPending && act.variables === 'recompute'}
                onClick={() => act.mutate('recompute')}
                data-testid="recompute"
              >
                Recompute on today's plan
              </Button>
            </Group>
          )}
          {(r.allowed.review || r.allowed.decide || r.allowed.edit) && (
            <>
              <Divider label="Decision" labelPosition="left" />
              {(r.allowed.review || r.allowed.decide) && (
                <Textarea
                  label="Note for the decision log"
                  autosize
                  minRows={1}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  data-testid="decision-note"
                />
              )}
              <ProblemAlert error={act.error} />
              <Group gap="xs">
                {r.allowed.edit && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconPencil size={14} />}
                    onClick={() => onEdit(r)}
                  >
                    Edit
                  </Button>
                )}
                {r.allowed.review && (
                  <Button
                    size="xs"
                    leftSection={<IconEye size={14} />}
                    loading={act.isPending && act.variables === 'review'}
                    onClick={() => act.mutate('review')}
                    data-testid="start-review"
                  >
                    Start review
                  </Button>
                )}
                {r.allowed.decide && (
                  <>
                    <Button
                      size="xs"
                      color="green"
                      leftSection={<IconCheck size={14} />}
                      loading={act.isPending && act.variables === 'approve'}
                      onClick={() => act.mutate('approve')}
                      data-testid="approve"
                    >
                      Approve and apply
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      leftSection={<IconX size={14} />}
                      loading={act.isPending && act.variables === 'reject'}
                      onClick={() => act.mutate('reject')}
                      data-testid="reject"
                    >
                      Reject
                    </Button>
                    <Button
                      size="xs"
                      color="gray"
                      variant="light"
                      leftSection={<IconClock size={14} />}
                      loading={act.isPending && act.variables === 'defer'}
                      onClick={() => act.mutate('defer')}
                      data-testid="defer"
                    >
                      Defer
                    </Button>
                  </>
                )}
              </Group>
            </>
          )}
          <Divider label="Decision log" labelPosition="left" />
          <DecisionTimeline entries={r.decisions} />
        </Stack>
      )}
    </Modal>
  );
}
