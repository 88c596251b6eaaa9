import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  NumberInput,
  Pagination,
  Paper,
  ScrollArea,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconScale, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import { formatDay } from './gantt-model.ts';
import {
  fetchLevelingRun,
  type LevelingRun,
  type LevelingRunDetail,
  type LevelingScope,
  type MovedTask,
  minutesOf,
  useLevelingAction,
  useLevelingRuns,
} from './leveling-api.ts';

const STATUS_COLORS: Record<LevelingRun['status'], string> = {
  preview: 'blue',
  applied: 'green',
  discarded: 'gray',
  undone: 'orange',
};

const day = (iso: string) => formatDay(minutesOf(iso));
const days = (minutes: number, periodMinutes: number) => {
  const d = minutes / periodMinutes;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} d`;
};

function reasonOf(task: MovedTask): string {
  if (task.resources.length > 0) {
    const who = task.resources.map((r) => r.code).join(', ');
    const with_ = task.competedWith.map((t) => t.name).join(', ');
    return with_ ? `${who} busy with ${with_}` : `${who} over capacity`;
  }
  if (task.followed.length > 0) return `follows ${task.followed.map((t) => t.name).join(', ')}`;
  return 'rescheduled';
}

/**
 * Resource leveling on the Gantt: options, a preview whose new positions the chart draws as ghost
 * bars, the table of what moves and why, Apply or Discard, and the run history with Undo.
 */
export function LevelingPanel({
  scope,
  shown,
  onShow,
  onClose,
}: {
  scope: LevelingScope;
  shown: LevelingRunDetail | null;
  onShow: (run: LevelingRunDetail | null) => void;
  onClose: () => void;
}) {
  const [withinSlack, setWithinSlack] = useState(false);
  const [schedules, setSchedules] = useState<number>(1000);
  const [seed, setSeed] = useState<number>(1);
  const runs = useLevelingRuns(scope);
  const action = useLevelingAction(scope);
  const [loadError, setLoadError] = useState<unknown>(null);

  const act = (input: Parameters<typeof action.mutate>[0]) =>
    action.mutate(input, { onSuccess: (run) => onShow(run) });
  const show = (id: string, page = 1) =>
    fetchLevelingRun(id, page).then(
      (run) => {
        setLoadError(null);
        onShow(run);
      },
      (error: unknown) => setLoadError(error),
    );
  const error = action.error ?? loadError;

  return (
    <Paper withBorder p="sm" mb="xs" data-testid="leveling-panel">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <Switch
            label="Only within slack"
            checked={withinSlack}
            onChange={(e) => setWithinSlack(e.currentTarget.checked)}
            data-testid="leveling-within-slack"
          />
          <NumberInput
            size="xs"
            w={110}
            label="Schedules"
            min={1}
            max={100_000}
            value={schedules}
            onChange={(v) => setSchedules(Number(v) || 1)}
          />
          <NumberInput
            size="xs"
            w={90}
            label="Seed"
            min={0}
            value={seed}
            onChange={(v) => setSeed(Number(v) || 0)}
          />
          <Button
            size="xs"
            leftSection={<IconScale size={14} />}
            loading={action.isPending && action.variables?.kind === 'preview'}
            onClick={() => act({ kind: 'preview', withinSlack, schedules, seed })}
            data-testid="leveling-preview"
          >
            Preview leveling
          </Button>
        </Group>
        <CloseButton aria-label="Close leveling" onClick={onClose} />
      </Group>
      {error != null && (
        <Alert
          color={isApiError(error, 409) ? 'orange' : 'red'}
          mt="xs"
          icon={<IconAlertTriangle size={16} />}
        >
          <span data-testid="leveling-error">
            {error instanceof Error ? error.message : 'Leveling failed'}
          </span>
        </Alert>
      )}
      {shown && (
        <RunResult
          run={shown}
          busy={action.isPending}
          onAction={act}
          onPage={(page) => show(shown.id, page)}
        />
      )}
      <RunHistory
        runs={runs.data?.items ?? []}
        shownId={shown?.id ?? null}
        onShow={show}
        onUndo={(id) => act({ kind: 'undo', id })}
      />
    </Paper>
  );
}

function RunResult({
  run,
  busy,
  onAction,
  onPage,
}: {
  run: LevelingRunDetail;
  busy: boolean;
  onAction: (action: { kind: 'apply' | 'discard' | 'undo'; id: string }) => void;
  onPage: (page: number) => void;
}) {
  const { result } = run;
  const pages = Math.ceil(run.movedTasks / run.pageSize);
  return (
    <div data-testid="leveling-result" data-status={run.status}>
      <Group justify="space-between" mt="sm" mb={4}>
        <Group gap="xs">
          <Badge color={STATUS_COLORS[run.status]} variant="light" data-testid="leveling-status">
            {run.status}
          </Badge>
          <Text size="sm" data-testid="leveling-summary">
            {run.movedTasks} tasks move · over-allocated resource-days {result.overallocationsBefore} →{' '}
            {result.overallocationsAfter}
          </Text>
          {result.projects.map((p) => (
            <Text
              size="sm"
              key={p.projectId}
              c={p.finishAfter > p.finishBefore ? 'orange.8' : 'dimmed'}
              data-testid="leveling-finish"
            >
              {result.projects.length > 1 ? `${p.name}: ` : 'Finish '}
              {day(p.finishBefore)} → {day(p.finishAfter)}
            </Text>
          ))}
        </Group>
        <Group gap="xs">
          {run.status === 'preview' && (
            <>
              <Button
                size="xs"
                color="green"
                leftSection={<IconCheck size={14} />}
                loading={busy}
                onClick={() => onAction({ kind: 'apply', id: run.id })}
                data-testid="leveling-apply"
              >
                Apply
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconTrash size={14} />}
                disabled={busy}
                onClick={() => onAction({ kind: 'discard', id: run.id })}
                data-testid="leveling-discard"
              >
                Discard
              </Button>
            </>
          )}
          {run.status === 'applied' && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              loading={busy}
              onClick={() => onAction({ kind: 'undo', id: run.id })}
              data-testid="leveling-undo"
            >
              Undo
            </Button>
          )}
        </Group>
      </Group>
      <ScrollArea.Autosize mah={200}>
        <Table striped withTableBorder fz="xs" data-testid="leveling-moves">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Delay</Table.Th>
              <Table.Th>Start</Table.Th>
              <Table.Th>Finish</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.movedTasks.map((t) => (
              <Table.Tr key={t.taskId} data-moved-task={t.name}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td>{days(t.delayMinutes, result.periodMinutes)}</Table.Td>
                <Table.Td>
                  {day(t.oldStart)} → {day(t.newStart)}
                </Table.Td>
                <Table.Td>
                  {day(t.oldFinish)} → {day(t.newFinish)}
                </Table.Td>
                <Table.Td>{reasonOf(t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {pages > 1 && (
        <Group justify="space-between" mt={4}>
          {/* The chart's ghost bars follow the page shown: a large run moves thousands of tasks. */}
          <Text size="xs" c="dimmed" data-testid="leveling-page-range">
            Tasks {(run.page - 1) * run.pageSize + 1}–{Math.min(run.page * run.pageSize, run.movedTasks)} of{' '}
            {run.movedTasks}, drawn on the chart
          </Text>
          <Pagination
            size="xs"
            total={pages}
            value={run.page}
            onChange={onPage}
            data-testid="leveling-pages"
          />
        </Group>
      )}
    </div>
  );
}

function RunHistory({
  runs,
  shownId,
  onShow,
  onUndo,
}: {
  runs: LevelingRun[];
  shownId: string | null;
  onShow: (id: string) => void;
  onUndo: (id: string) => void;
}) {
  if (runs.length === 0) return null;
  return (
    <div data-testid="leveling-history">
      <Text size="xs" fw={600} mt="sm" mb={2}>
        Runs
      </Text>
      <Table fz="xs" withRowBorders={false}>
        <Table.Tbody>
          {runs.slice(0, 8).map((run) => (
            <Table.Tr
              key={run.id}
              data-run-status={run.status}
              bg={run.id === shownId ? 'blue.0' : undefined}
            >
              <Table.Td>{new Date(run.createdAt).toLocaleString('en-GB')}</Table.Td>
              <Table.Td>
                <Badge size="xs" color={STATUS_COLORS[run.status]} variant="light">
                  {run.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {run.movedTasks} moved · {run.overallocationsBefore} → {run.overallocationsAfter} over
                {run.options.withinSlack ? ' · within slack' : ''}
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end">
                  <Button size="compact-xs" variant="subtle" onClick={() => onShow(run.id)}>
                    Show
                  </Button>
                  {run.status === 'applied' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onUndo(run.id)}
                      data-testid="history-undo"
                    >
                      Undo
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
