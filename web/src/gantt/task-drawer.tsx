import {
  ActionIcon,
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { fetchTask, type TaskDetail, usePlanEdit } from './gantt-api.ts';
import { formatDay, type GanttColumns, type LinkType, SUMMARY } from './gantt-model.ts';

const CONSTRAINTS = [
  { value: 'ASAP', label: 'As soon as possible' },
  { value: 'ALAP', label: 'As late as possible' },
  { value: 'SNET', label: 'Start no earlier than' },
  { value: 'SNLT', label: 'Start no later than' },
  { value: 'FNET', label: 'Finish no earlier than' },
  { value: 'FNLT', label: 'Finish no later than' },
  { value: 'MSO', label: 'Must start on' },
  { value: 'MFO', label: 'Must finish on' },
];
const LINK_TYPES: LinkType[] = ['FS', 'SS', 'FF', 'SF'];

/** The task form: name, duration, constraint, progress and its predecessors, saved with If-Match. */
export function TaskDrawer({
  taskId,
  data,
  onClose,
}: {
  taskId: string;
  data: GanttColumns;
  onClose: () => void;
}) {
  const task = useQuery({ queryKey: ['task', taskId], queryFn: () => fetchTask(taskId), staleTime: 0 });
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={460}
      title={<Text fw={650}>{task.data ? `${task.data.wbsCode} ${task.data.name}` : 'Task'}</Text>}
      data-testid="task-drawer"
    >
      {task.error && <ProblemAlert error={task.error} />}
      {task.data && (
        <TaskForm
          key={task.data.version}
          task={task.data}
          data={data}
          onDone={onClose}
          onReload={task.refetch}
        />
      )}
    </Drawer>
  );
}

function TaskForm({
  task,
  data,
  onDone,
  onReload,
}: {
  task: TaskDetail;
  data: GanttColumns;
  onDone: () => void;
  onReload: () => void;
}) {
  const save = usePlanEdit();
  const links = usePlanEdit();
  const [name, setName] = useState(task.name);
  const [days, setDays] = useState<number | string>(task.durationMinutes / 480);
  const [constraintType, setConstraintType] = useState(task.constraintType);
  const [constraintDate, setConstraintDate] = useState(task.constraintDate?.slice(0, 10) ?? '');
  const [percent, setPercent] = useState<number | string>(task.percentComplete);
  const summary = task.isSummary;
  const index = useMemo(() => data.tasks.id.indexOf(task.id), [data, task.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    if (name !== task.name) patch.name = name;
    const minutes = Math.round(Number(days) * 480);
    if (!summary && minutes !== task.durationMinutes) patch.durationMinutes = minutes;
    const dated = constraintType !== 'ASAP' && constraintType !== 'ALAP';
    const date = dated && constraintDate ? `${constraintDate}T${dateTimeOfDay(constraintType)}` : null;
    if (constraintType !== task.constraintType || date !== task.constraintDate) {
      patch.constraintType = constraintType;
      patch.constraintDate = date;
    }
    if (Number(percent) !== task.percentComplete) patch.percentComplete = Number(percent);
    if (Object.keys(patch).length === 0) return onDone();
    await save.mutateAsync({ kind: 'task', id: task.id, version: task.version, patch });
    onDone();
  };

  return (
    <Stack gap="sm">
      <form onSubmit={(e) => void submit(e).catch(() => {})} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <Group grow>
            <NumberInput
              label="Duration (working days)"
              value={days}
              onChange={setDays}
              min={0}
              step={1}
              decimalScale={2}
              disabled={summary}
              description={summary ? 'A summary spans its subtasks' : undefined}
            />
            <NumberInput
              label="% complete"
              value={percent}
              onChange={setPercent}
              min={0}
              max={100}
              step={5}
              suffix="%"
            />
          </Group>
          <Group grow>
            <Select
              label="Constraint"
              data={CONSTRAINTS}
              value={constraintType}
              onChange={(value) => setConstraintType(value ?? 'ASAP')}
              allowDeselect={false}
            />
            <TextInput
              label="Constraint date"
              type="date"
              value={constraintDate}
              onChange={(e) => setConstraintDate(e.currentTarget.value)}
              disabled={constraintType === 'ASAP' || constraintType === 'ALAP'}
            />
          </Group>
          <Text size="xs" c="dimmed">
            Scheduled {formatDay(minutesOf(task.earlyStart))} → {formatDay(minutesOf(task.earlyFinish))}
            {task.totalSlackMinutes !== null &&
              ` · total slack ${(task.totalSlackMinutes / 480).toFixed(1)} d`}
          </Text>
          <ProblemAlert error={save.error} onReload={onReload} shownFields={['name', 'durationMinutes']} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="task-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider label="Predecessors" labelPosition="left" />
      {index >= 0 && <Predecessors data={data} index={index} links={links} />}
    </Stack>
  );
}

function Predecessors({
  data,
  index,
  links,
}: {
  data: GanttColumns;
  index: number;
  links: ReturnType<typeof usePlanEdit>;
}) {
  const [predecessor, setPredecessor] = useState<string | null>(null);
  const [type, setType] = useState<LinkType>('FS');
  const [lagDays, setLagDays] = useState<number | string>(0);
  const t = data.tasks;
  const incoming = data.links.id.map((_, k) => k).filter((k) => data.links.to[k] === index);
  const options = useMemo(
    () =>
      t.id
        .map((id, i) => ({ value: id, label: `${t.wbs[i]} ${t.name[i]}`.trim(), i }))
        .filter((o) => o.i !== index && !(t.flags[o.i] & SUMMARY))
        .map(({ value, label }) => ({ value, label })),
    [t, index],
  );
  return (
    <Stack gap="xs">
      {incoming.length === 0 ? (
        <Text size="sm" c="dimmed">
          No predecessors.
        </Text>
      ) : (
        <Table withTableBorder data-testid="predecessors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Lag</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {incoming.map((k) => (
              <Table.Tr key={data.links.id[k]}>
                <Table.Td>{t.name[data.links.from[k]]}</Table.Td>
                <Table.Td>{data.links.type[k]}</Table.Td>
                <Table.Td>{data.links.lagMinutes[k] / 480} d</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label="Remove link"
                    onClick={() =>
                      links.mutate({
                        kind: 'link-remove',
                        id: data.links.id[k],
                        version: data.links.version[k],
                      })
                    }
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Add predecessor"
          placeholder="Search tasks"
          searchable
          limit={40}
          data={options}
          value={predecessor}
          onChange={setPredecessor}
          style={{ flex: 1 }}
        />
        <Select
          label="Type"
          w={70}
          data={LINK_TYPES}
          value={type}
          onChange={(v) => setType((v as LinkType) ?? 'FS')}
          allowDeselect={false}
        />
        <NumberInput label="Lag (d)" w={70} value={lagDays} onChange={setLagDays} step={1} />
        <Button
          disabled={!predecessor}
          loading={links.isPending}
          onClick={() =>
            predecessor &&
            links.mutate(
              {
                kind: 'link-add',
                predecessorId: predecessor,
                successorId: t.id[index],
                type,
                lagMinutes: Math.round(Number(lagDays) * 480),
              },
              { onSuccess: () => setPredecessor(null) },
            )
          }
        >
          Add
        </Button>
      </Group>
      <ProblemAlert error={links.error} />
    </Stack>
  );
}

/** Start constraints pin the working day's start, finish constraints its end. */
function dateTimeOfDay(constraintType: string): string {
  return constraintType.startsWith('F') || constraintType === 'MFO' ? '17:00:00' : '08:00:00';
}

function minutesOf(local: string | null): number | null {
  return local ? Date.parse(`${local}Z`) / 60_000 : null;
}
