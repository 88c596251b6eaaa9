import {
  ActionIcon,
  Button,
  Group,
  Menu,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconLink, IconLinkOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  type ChangeLevel,
  type ChangeOperation,
  changeApi,
  changeKeys,
  DAY_MINUTES,
  type PlanTask,
} from '../../api/change-requests.ts';
import { EntitySelect } from '../entity-select.tsx';

const OP_LABELS: Record<ChangeOperation['op'], string> = {
  update_task: 'Change a task',
  add_task: 'Add a task',
  delete_task: 'Delete a task',
  add_link: 'Add a link',
  remove_link: 'Remove a link',
  update_link: 'Change a link',
};

/** The tasks a change may name: the scope's own, plus those of one other project for cross-project links. */
export function useTaskPool(level: ChangeLevel, scopeId: string, otherProjectId: string | null) {
  const plan = useQuery({
    queryKey: changeKeys.plan(level, scopeId),
    queryFn: ({ signal }) => changeApi.plan(level, scopeId, signal),
  });
  const other = useQuery({
    queryKey: changeKeys.tasks(otherProjectId ?? ''),
    queryFn: ({ signal }) => changeApi.tasks(otherProjectId!, signal),
    enabled: !!otherProjectId,
  });
  return useMemo(() => {
    const tasks = new Map<string, PlanTask & { foreign: boolean }>();
    for (const t of plan.data?.tasks.items ?? []) tasks.set(t.id, { ...t, foreign: false });
    for (const t of other.data?.items ?? []) if (!tasks.has(t.id)) tasks.set(t.id, { ...t, foreign: true });
    return {
      tasks,
      links: plan.data?.links ?? [],
      projects: plan.data?.projects ?? [],
      loading: plan.isLoading,
    };
  }, [plan.data, plan.isLoading, other.data]);
}

export function OperationsEditor({
  level,
  scopeId,
  projectId,
  value,
  onChange,
}: {
  level: ChangeLevel;
  scopeId: string;
  /** Where added tasks go (the project of a project-level change). */
  projectId: string | null;
  value: ChangeOperation[];
  onChange: (ops: ChangeOperation[]) => void;
}) {
  const [otherProjectId, setOtherProjectId] = useState<string | null>(null);
  const pool = useTaskPool(level, scopeId, otherProjectId);
  const added = value.filter((op) => op.op === 'add_task');
  const taskOptions = (scopeOnly: boolean) => [
    ...[...pool.tasks.values()]
      .filter((t) => !t.isSummary && (!scopeOnly || !t.foreign))
      .map((t) => ({ value: t.id, label: t.foreign ? `${t.name} (other project)` : t.name })),
    ...added
      .filter((op) => op.taskId)
      .map((op) => ({ value: op.taskId as string, label: `${op.name} (new)` })),
  ];
  const linkOptions = pool.links.map((l) => ({
    value: `${l.predecessorId}>${l.successorId}`,
    label: `${pool.tasks.get(l.predecessorId)?.name ?? 'task in another project'} → ${
      pool.tasks.get(l.successorId)?.name ?? 'task in another project'
    } (${l.type}${l.lagMinutes ? ` ${l.lagMinutes / DAY_MINUTES}d` : ''})`,
  }));
  const set = (index: number, op: ChangeOperation) => onChange(value.map((o, i) => (i === index ? op : o)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  const append = (op: ChangeOperation['op']) => {
    const firstTask = taskOptions(true)[0]?.value ?? '';
    const blank: Record<ChangeOperation['op'], ChangeOperation> = {
      update_task: { op: 'update_task', taskId: firstTask, changes: {} },
      add_task: {
        op: 'add_task',
        taskId: crypto.randomUUID(),
        projectId: projectId ?? pool.tasks.values().next().value?.projectId ?? '',
        name: '',
        durationMinutes: DAY_MINUTES,
      },
      delete_task: { op: 'delete_task', taskId: firstTask },
      add_link: { op: 'add_link', predecessorId: firstTask, successorId: '', type: 'FS', lagMinutes: 0 },
      remove_link: { op: 'remove_link', predecessorId: '', successorId: '' },
      update_link: { op: 'update_link', predecessorId: '', successorId: '', lagMinutes: 0 },
    };
    onChange([...value, blank[op]]);
  };

  return (
    <Stack gap="xs" data-testid="operations-editor">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500}>
            Plan changes
          </Text>
          <Text size="xs" c="dimmed">
            Applied in order to a what-if copy of the plan to compute the impact; applied for real on
            approval.
          </Text>
        </div>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              data-testid="add-operation"
            >
              Add change
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(Object.keys(OP_LABELS) as ChangeOperation['op'][]).map((op) => (
              <Menu.Item key={op} onClick={() => append(op)} data-testid={`add-${op}`}>
                {OP_LABELS[op]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No plan changes: the request records a decision without touching the schedule.
        </Text>
      )}
      {value.map((op, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: operations are positional (applied in order)
        <Paper key={`${op.op}-${index}`} withBorder p="xs" radius="sm" data-testid={`operation-${index}`}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Text size="xs" fw={600} w={110} pb={6}>
              {index + 1}. {OP_LABELS[op.op]}
            </Text>
            {op.op === 'update_task' && (
              <>
                <Select
                  size="xs"
                  w={240}
                  label="Task"
                  searchable
                  allowDeselect={false}
                  data={taskOptions(true)}
                  value={op.taskId || null}
                  onChange={(v) => set(index, { ...op, taskId: v ?? '' })}
                  data-testid="op-task"
                />
                <NumberInput
                  size="xs"
                  w={130}
                  label="Duration (days)"
                  min={0}
                  step={1}
                  decimalScale={2}
                  value={
                    op.changes.durationMinutes !== undefined ? op.changes.durationMinutes / DAY_MINUTES : ''
                  }
                  placeholder={
                    pool.tasks.get(op.taskId)
                      ? String(pool.tasks.get(op.taskId)!.durationMinutes / DAY_MINUTES)
                      : ''
                  }
                  onChange={(v) => {
                    const { durationMinutes: _, ...rest } = op.changes;
                    set(index, {
                      ...op,
                      changes:
                        v === '' ? rest : { ...rest, durationMinutes: Math.round(Number(v) * DAY_MINUTES) },
                    });
                  }}
                  data-testid="op-duration"
                />
                <TextInput
                  size="xs"
                  w={150}
                  type="date"
                  label="Start no earlier than"
                  value={op.changes.constraintDate?.slice(0, 10) ?? ''}
                  onChange={(e) => {
                    const date = e.currentTarget.value;
                    const { constraintType: _t, constraintDate: _d, ...rest } = op.changes;
                    set(index, {
                      ...op,
                      changes: date
                        ? { ...rest, constraintType: 'SNET', constraintDate: `${date}T08:00:00` }
                        : rest,
                    });
                  }}
                />
              </>
            )}
            {op.op === 'add_task' && (
              <>
                {level === 'program' && (
                  <Select
                    size="xs"
                    w={200}
                    label="Project"
                    allowDeselect={false}
                    data={pool.projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
                    value={op.projectId || null}
                    onChange={(v) => set(index, { ...op, projectId: v ?? '' })}
                  />
                )}
                <TextInput
                  size="xs"
                  w={220}
                  label="Name"
                  value={op.name}
                  onChange={(e) => set(index, { ...op, name: e.currentTarget.value })}
                />
                <NumberInput
                  size="xs"
                  w={130}
                  label="Duration (days)"
                  min={0}
                  decimalScale={2}
                  value={op.durationMinutes / DAY_MINUTES}
                  onChange={(v) =>
                    set(index, { ...op, durationMinutes: Math.round(Number(v || 0) * DAY_MINUTES) })
                  }
                />
              </>
            )}
            {op.op === 'delete_task' && (
              <Select
                size="xs"
                w={260}
                label="Task"
                searchable
                allowDeselect={false}
                data={taskOptions(true)}
                value={op.taskId || null}
                onChange={(v) => set(index, { ...op, taskId: v ?? '' })}
              />
            )}
            {op.op === 'add_link' && (
              <>
                <Select
                  size="xs"
                  w={220}
                  label="Predecessor"
                  searchable
                  allowDeselect={false}
                  data={taskOptions(false)}
                  value={op.predecessorId || null}
                  onChange={(v) => set(index, { ...op, predecessorId: v ?? '' })}
                  data-testid="op-predecessor"
                />
                <IconLink size={16} style={{ marginBottom: 8 }} />
                <Select
                  size="xs"
                  w={220}
                  label="Successor"
                  searchable
                  allowDeselect={false}
                  data={taskOptions(false)}
                  value={op.successorId || null}
                  onChange={(v) => set(index, { ...op, successorId: v ?? '' })}
                  data-testid="op-successor"
                />
                <Select
                  size="xs"
                  w={70}
                  label="Type"
                  data={['FS', 'SS', 'FF', 'SF']}
                  value={op.type ?? 'FS'}
                  onChange={(v) => set(index, { ...op, type: (v ?? 'FS') as 'FS' })}
                />
                <NumberInput
                  size="xs"
                  w={90}
                  label="Lag (days)"
                  decimalScale={2}
                  value={(op.lagMinutes ?? 0) / DAY_MINUTES}
                  onChange={(v) =>
                    set(index, { ...op, lagMinutes: Math.round(Number(v || 0) * DAY_MINUTES) })
                  }
                />
              </>
            )}
            {(op.op === 'remove_link' || op.op === 'update_link') && (
              <Select
                size="xs"
                w={op.op === 'remove_link' ? 420 : 300}
                label="Link"
                searchable
                allowDeselect={false}
                leftSection={<IconLinkOff size={14} />}
                data={linkOptions}
                value={op.predecessorId ? `${op.predecessorId}>${op.successorId}` : null}
                onChange={(v) => {
                  const [predecessorId, successorId] = (v ?? '>').split('>');
                  set(index, { ...op, predecessorId, successorId });
                }}
              />
            )}
            {op.op === 'update_link' && (
              <>
                <Select
                  size="xs"
                  w={70}
                  label="Type"
                  data={['FS', 'SS', 'FF', 'SF']}
                  value={op.type ?? null}
                  onChange={(v) => set(index, { ...op, type: (v ?? undefined) as 'FS' | undefined })}
                />
                <NumberInput
                  size="xs"
                  w={90}
                  label="Lag (days)"
                  decimalScale={2}
                  value={(op.lagMinutes ?? 0) / DAY_MINUTES}
                  onChange={(v) =>
                    set(index, { ...op, lagMinutes: Math.round(Number(v || 0) * DAY_MINUTES) })
                  }
                />
              </>
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              ml="auto"
              mb={4}
              aria-label={`Remove change ${index + 1}`}
              onClick={() => remove(index)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {value.some((op) => op.op === 'add_link') && (
        <EntitySelect
          collection="projects"
          size="xs"
          w={320}
          label="Link to a task of another project"
          placeholder="Choose a project to list its tasks…"
          clearable
          value={otherProjectId}
          onChange={(v) => setOtherProjectId(v)}
          data-testid="other-project"
        />
      )}
    </Stack>
  );
}
