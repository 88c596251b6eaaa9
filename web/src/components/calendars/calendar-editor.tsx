import { Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Calendar,
  type CalendarException,
  useCalendars,
  useCreateCalendar,
  useUpdateCalendar,
} from '../../api/calendars.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { NamedRangeCells } from './named-range-cells.tsx';
import {
  type DayDraft,
  dayDraft,
  formatIntervals,
  parseIntervals,
  standardWeekDraft,
  WeekEditor,
  weekFromDrafts,
} from './week-editor.tsx';
import {
  type WorkWeekDraft,
  WorkWeeksSection,
  workWeekDraft,
  workWeeksFromDrafts,
} from './work-weeks-section.tsx';

interface ExceptionDraft {
  id?: string;
  name: string;
  from: string;
  to: string;
  working: boolean;
  text: string;
  recurYearly: boolean;
}

type ExceptionKind = 'holiday' | 'range' | 'yearly' | 'hours';
/** The starting points the editor offers for a new exception, in the order of its buttons. */
const EXCEPTION_KINDS: ReadonlyArray<[ExceptionKind, string]> = [
  ['holiday', 'Holiday'],
  ['range', 'Range'],
  ['yearly', 'Yearly'],
  ['hours', 'Changed hours'],
];

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
 * Creates or edits a calendar: name, base calendar, a default work week (each day inherited, off, or
 * working intervals), dated work weeks and exceptions (holidays, ranges, recurring yearly days, changed
 * hours). The server checks every rule again and names the field it refuses (`week.1.0.to`,
 * `workWeeks.1.from`, `exceptions.2.to`).
 */
export function CalendarEditor({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const others = useCalendars({ pageSize: 200, sort: 'name' });
  const create = useCreateCalendar();
  const update = useUpdateCalendar();
  const [name, setName] = useState(calendar?.name ?? '');
  const [baseId, setBaseId] = useState<string | null>(calendar?.baseCalendarId ?? null);
  const [isDefault, setDefault] = useState(calendar?.isDefault ?? false);
  const [week, setWeek] = useState<DayDraft[]>(() =>
    calendar ? calendar.week.map(dayDraft) : standardWeekDraft(),
  );
  const [workWeeks, setWorkWeeks] = useState<WorkWeekDraft[]>(() =>
    (calendar?.workWeeks ?? []).map(workWeekDraft),
  );
  const [exceptions, setExceptions] = useState<ExceptionDraft[]>(() =>
    (calendar?.exceptions ?? []).map(exceptionDraft),
  );
  const [localError, setLocalError] = useState<string | null>(null);

  const setException = (index: number, change: Partial<ExceptionDraft>) =>
    setExceptions(exceptions.map((e, i) => (i === index ? { ...e, ...change } : e)));
  const addException = (kind: ExceptionKind) =>
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
    const days = weekFromDrafts(week);
    if ('error' in days) return setLocalError(days.error);
    const dated = workWeeksFromDrafts(workWeeks);
    if ('error' in dated) return setLocalError(dated.error);
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
    const body = {
      name: name.trim(),
      baseCalendarId: baseId,
      week: days.days,
      workWeeks: dated.workWeeks,
      exceptions: out,
      isDefault,
    };
    if (calendar) update.mutate({ calendar, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  const bases = (others.data?.items ?? [])
    .filter((c) => c.id !== calendar?.id)
    .map((c) => ({ value: c.id, label: c.name }));
  const baseDayText = (wd: number) =>
    calendar?.resolvedWeek
      ? `as the base: ${formatIntervals(calendar.resolvedWeek[wd]) || 'non-working'}`
      : 'as the base calendar';
  const defaultDayText = (wd: number) => {
    const d = week[wd];
    if (d.mode === 'inherit' && baseId) return baseDayText(wd);
    return d.mode === 'work' ? d.text : 'non-working';
  };
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
        <Title order={6}>Default week</Title>
        <WeekEditor
          week={week}
          onChange={setWeek}
          inheritLabel={baseId ? 'Inherit' : null}
          inheritedText={baseDayText}
          testId="work-week"
        />
        <WorkWeeksSection workWeeks={workWeeks} onChange={setWorkWeeks} defaultDayText={defaultDayText} />
        <Group justify="space-between">
          <Title order={6}>Exceptions</Title>
          <Group gap={4}>
            {EXCEPTION_KINDS.map(([kind, label]) => (
              <Button
                key={kind}
                size="compact-xs"
                variant="light"
                leftSection={<IconPlus size={12} />}
                onClick={() => addException(kind)}
                data-testid={kind === 'holiday' ? 'add-holiday' : undefined}
              >
                {label}
              </Button>
            ))}
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
                <NamedRangeCells
                  subject="Exception"
                  value={e}
                  toPlaceholder="same day"
                  onChange={(patch) => setException(i, patch)}
                />
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
