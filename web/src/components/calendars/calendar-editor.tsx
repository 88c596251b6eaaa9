import {
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Calendar,
  type CalendarException,
  type Interval,
  useCalendars,
  useCreateCalendar,
  useUpdateCalendar,
} from '../../api/calendars.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/** Monday first on screen; the API's week is Sunday first. */
const WEEKDAYS = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [0, 'Sunday'],
] as const;
const STANDARD = '08:00–12:00, 13:00–17:00';

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const formatIntervals = (ivs: Interval[]) =>
  ivs.map((iv) => `${clock(iv.from)}–${clock(iv.to)}`).join(', ');

/** "08:00–12:00, 13:00–17:00" as minutes; null when a part is not a time range. */
export function parseIntervals(text: string): Interval[] | null {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Interval[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ from: Number(m[1]) * 60 + Number(m[2]), to: Number(m[3]) * 60 + Number(m[4]) });
  }
  return out;
}

type DayMode = 'inherit' | 'off' | 'work';
interface DayDraft {
  mode: DayMode;
  text: string;
}
interface ExceptionDraft {
  id?: string;
  name: string;
  from: string;
  to: string;
  working: boolean;
  text: string;
  recurYearly: boolean;
}

const dayDraft = (day: Interval[] | null): DayDraft =>
  day === null
    ? { mode: 'inherit', text: STANDARD }
    : day.length === 0
      ? { mode: 'off', text: STANDARD }
      : { mode: 'work', text: formatIntervals(day) };

const exceptionDraft = (ex: CalendarException): ExceptionDraft => ({
  id: ex.id,
  name: ex.name ?? '',
  from: ex.from,
  to: ex.to ?? '',
  working: ex.intervals.length > 0,
  text: ex.intervals.length > 0 ? formatIntervals(ex.intervals) : '',
  recurYearly: ex.recurYearly ?? false,
});

/**
 * Creates or edits a calendar: name, base calendar, a work week (each day inherited, off, or working
 * intervals) and exceptions (holidays, ranges, recurring yearly days, changed hours). The server checks
 * every rule again and names the field it refuses (`week.1.0.to`, `exceptions.2.to`).
 */
export function CalendarEditor({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const others = useCalendars({ pageSize: 200, sort: 'name' });
  const create = useCreateCalendar();
  const update = useUpdateCalendar();
  const [name, setName] = useState(calendar?.name ?? '');
  const [baseId, setBaseId] = useState<string | null>(calendar?.baseCalendarId ?? null);
  const [isDefault, setDefault] = useState(calendar?.isDefault ?? false);
  const [week, setWeek] = useState<DayDraft[]>(() =>
    calendar
      ? calendar.week.map(dayDraft)
      : [[], [1], [1], [1], [1], [1], []].map(
          (d) => ({ mode: d.length ? 'work' : 'off', text: STANDARD }) as DayDraft,
        ),
  );
  const [exceptions, setExceptions] = useState<ExceptionDraft[]>(() =>
    (calendar?.exceptions ?? []).map(exceptionDraft),
  );
  const [localError, setLocalError] = useState<string | null>(null);

  const setDay = (wd: number, change: Partial<DayDraft>) =>
    setWeek(week.map((d, i) => (i === wd ? { ...d, ...change } : d)));
  const setException = (index: number, change: Partial<ExceptionDraft>) =>
    setExceptions(exceptions.map((e, i) => (i === index ? { ...e, ...change } : e)));
  const addException = (kind: 'holiday' | 'range' | 'yearly' | 'hours') =>
    setExceptions([
      ...exceptions,
      {
        name: kind === 'hours' ? 'Short day' : 'Holiday',
        from: '',
        to: '',
        working: kind === 'hours',
        text: kind === 'hours' ? '08:00–12:00' : '',
        recurYearly: kind === 'yearly',
        ...(kind === 'range' ? { name: 'Shutdown' } : {}),
      },
    ]);

  const save = () => {
    setLocalError(null);
    const days: (Interval[] | null)[] = [];
    for (const [wd, label] of WEEKDAYS) {
      const d = week[wd];
      const ivs = d.mode === 'work' ? parseIntervals(d.text) : [];
      if (ivs === null) return setLocalError(`${label}: write working time as 08:00–12:00, 13:00–17:00`);
      days[wd] = d.mode === 'inherit' ? null : ivs;
    }
    const out: CalendarException[] = [];
    for (const [i, e] of exceptions.entries()) {
      const ivs = e.working ? parseIntervals(e.text) : [];
      if (ivs === null) return setLocalError(`Exception ${i + 1}: write working time as 08:00–12:00`);
      out.push({
        ...(e.id ? { id: e.id } : {}),
        ...(e.name.trim() ? { name: e.name.trim() } : {}),
        from: e.from.trim(),
        ...(e.to.trim() ? { to: e.to.trim() } : {}),
        intervals: ivs,
        ...(e.recurYearly ? { recurYearly: true } : {}),
      });
    }
    const body = { name: name.trim(), baseCalendarId: baseId, week: days, exceptions: out, isDefault };
    if (calendar) update.mutate({ calendar, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  const bases = (others.data?.items ?? [])
    .filter((c) => c.id !== calendar?.id)
    .map((c) => ({ value: c.id, label: c.name }));
  const modes = [
    ...(baseId ? [{ value: 'inherit', label: 'Inherit' }] : []),
    { value: 'off', label: 'Non-working' },
    { value: 'work', label: 'Working' },
  ];
  return (
    <Modal opened onClose={onClose} title={calendar ? `Edit ${calendar.name}` : 'New calendar'} size="xl">
      <Stack gap="sm" data-testid="calendar-editor">
        <Group grow align="flex-end">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-testid="calendar-name"
          />
          <Select
            label="Base calendar"
            placeholder="None"
            data={bases}
            value={baseId}
            onChange={setBaseId}
            clearable
            data-testid="calendar-base"
          />
        </Group>
        {!calendar?.projectId && !calendar?.resourceId && (
          <Checkbox
            label="Organization default (resources without a calendar work on it)"
            checked={isDefault}
            onChange={(e) => setDefault(e.currentTarget.checked)}
          />
        )}
        <Title order={6}>Work week</Title>
        <Table data-testid="work-week">
          <Table.Tbody>
            {WEEKDAYS.map(([wd, label]) => {
              const d = week[wd];
              const mode = d.mode === 'inherit' && !baseId ? 'off' : d.mode;
              return (
                <Table.Tr key={wd} data-weekday={label}>
                  <Table.Td w={110}>{label}</Table.Td>
                  <Table.Td w={290}>
                    <SegmentedControl
                      size="xs"
                      data={modes}
                      value={mode}
                      onChange={(v) => setDay(wd, { mode: v as DayMode })}
                    />
                  </Table.Td>
                  <Table.Td>
                    {mode === 'work' ? (
                      <TextInput
                        size="xs"
                        aria-label={`${label} working time`}
                        value={d.text}
                        onChange={(e) => setDay(wd, { text: e.currentTarget.value })}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {mode === 'inherit'
                          ? calendar?.resolvedWeek
                            ? `as the base: ${formatIntervals(calendar.resolvedWeek[wd]) || 'non-working'}`
                            : 'as the base calendar'
                          : 'non-working'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Title order={6}>Exceptions</Title>
          <Group gap={4}>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} />}
              onClick={() => addException('holiday')}
              data-testid="add-holiday"
            >
              Holiday
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} />}
              onClick={() => addException('range')}
            >
              Range
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} />}
              onClick={() => addException('yearly')}
            >
              Yearly
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} />}
              onClick={() => addException('hours')}
            >
              Changed hours
            </Button>
          </Group>
        </Group>
        <Table data-testid="exceptions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Working time</Table.Th>
              <Table.Th>Yearly</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {exceptions.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: new rows have no id yet; order is the identity
              <Table.Tr key={i} data-exception={e.name}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label="Exception name"
                    value={e.name}
                    onChange={(ev) => setException(i, { name: ev.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={120}>
                  <TextInput
                    size="xs"
                    aria-label="Exception from"
                    placeholder="YYYY-MM-DD"
                    value={e.from}
                    onChange={(ev) => setException(i, { from: ev.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={120}>
                  <TextInput
                    size="xs"
                    aria-label="Exception to"
                    placeholder="same day"
                    value={e.to}
                    onChange={(ev) => setException(i, { to: ev.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  {e.working ? (
                    <TextInput
                      size="xs"
                      aria-label="Exception working time"
                      value={e.text}
                      onChange={(ev) => setException(i, { text: ev.currentTarget.value })}
                    />
                  ) : (
                    <Text size="xs" c="dimmed">
                      non-working
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label="Recurs yearly"
                    checked={e.recurYearly}
                    onChange={(ev) => setException(i, { recurYearly: ev.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label="Remove exception"
                    onClick={() => setExceptions(exceptions.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={12} />
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {exceptions.length === 0 && (
          <Text size="sm" c="dimmed">
            No exceptions.
          </Text>
        )}
        {localError && (
          <Text size="sm" c="red">
            {localError}
          </Text>
        )}
        <ProblemAlert error={create.error ?? update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={create.isPending || update.isPending} data-testid="save-calendar">
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
