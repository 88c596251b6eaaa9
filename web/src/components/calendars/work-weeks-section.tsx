import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconClock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { WorkWeek } from '../../api/calendars.ts';
import { NamedRangeCells } from './named-range-cells.tsx';
import { type DayDraft, dayDraft, WEEKDAYS, WeekEditor, weekFromDrafts } from './week-editor.tsx';

export interface WorkWeekDraft {
  /** Identifies the row on screen while its dates are still being typed. */
  key: number;
  name: string;
  from: string;
  to: string;
  week: DayDraft[];
}

let nextKey = 0;

export const workWeekDraft = (ww: WorkWeek): WorkWeekDraft => ({
  key: nextKey++,
  name: ww.name ?? '',
  from: ww.from,
  to: ww.to,
  week: ww.week.map(dayDraft),
});

/** The drafts as the API's work weeks, or the message for the first one whose hours do not parse. */
export function workWeeksFromDrafts(drafts: WorkWeekDraft[]): { workWeeks: WorkWeek[] } | { error: string } {
  const workWeeks: WorkWeek[] = [];
  for (const [i, ww] of drafts.entries()) {
    const parsed = weekFromDrafts(ww.week);
    if ('error' in parsed) return { error: `Work week ${i + 1}, ${parsed.error}` };
    workWeeks.push({
      ...(ww.name.trim() ? { name: ww.name.trim() } : {}),
      from: ww.from.trim(),
      to: ww.to.trim(),
      week: parsed.days,
    });
  }
  return { workWeeks };
}

/** "Fri off · other days as the default week" */
function hoursSummary(week: DayDraft[]): string {
  const byMode = { work: [] as string[], off: [] as string[], inherit: [] as string[] };
  for (const [wd, label] of WEEKDAYS) byMode[week[wd].mode].push(label.slice(0, 3));
  if (byMode.inherit.length === 7) return 'as the default week';
  return [
    byMode.work.length ? `${byMode.work.join(' ')} working` : null,
    byMode.off.length ? `${byMode.off.join(' ')} off` : null,
    byMode.inherit.length ? 'other days as the default week' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Dated work weeks (MS Project's "work weeks"): periods such as summer hours whose weekdays replace
 * the default week between two days. The server refuses overlapping periods, naming the one.
 */
export function WorkWeeksSection({
  workWeeks,
  onChange,
  defaultDayText,
}: {
  workWeeks: WorkWeekDraft[];
  onChange: (workWeeks: WorkWeekDraft[]) => void;
  /** What the calendar's default week does on a weekday, for days a work week leaves to it. */
  defaultDayText: (weekday: number) => string;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const set = (index: number, change: Partial<WorkWeekDraft>) =>
    onChange(workWeeks.map((ww, i) => (i === index ? { ...ww, ...change } : ww)));
  const add = () => {
    const blank = workWeekDraft({ name: 'Work week', from: '', to: '', week: WEEKDAYS.map(() => null) });
    onChange([...workWeeks, blank]);
    setOpen(workWeeks.length);
  };
  const remove = (index: number) => {
    onChange(workWeeks.filter((_, i) => i !== index));
    setOpen(open === index ? null : open !== null && open > index ? open - 1 : open);
  };
  const editing = open === null ? undefined : workWeeks[open];
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={6}>Work weeks</Title>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconPlus size={12} />}
          onClick={add}
          data-testid="add-work-week"
        >
          Work week
        </Button>
      </Group>
      {workWeeks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No dated work weeks: the default week applies all year.
        </Text>
      ) : (
        <Table data-testid="work-weeks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Hours</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {workWeeks.map((ww, i) => (
              <Table.Tr
                key={ww.key}
                data-work-week={ww.name}
                bg={open === i ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <NamedRangeCells
                  subject="Work week"
                  value={ww}
                  toPlaceholder="YYYY-MM-DD"
                  onChange={(patch) => set(i, patch)}
                />
                <Table.Td>
                  <Text size="xs">{hoursSummary(ww.week)}</Text>
                </Table.Td>
                <Table.Td w={90}>
                  <Group gap={2} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant={open === i ? 'filled' : 'subtle'}
                      aria-label="Edit work week hours"
                      onClick={() => setOpen(open === i ? null : i)}
                    >
                      <IconClock size={12} />
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label="Remove work week"
                      onClick={() => remove(i)}
                    >
                      <IconTrash size={12} />
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open !== null && editing && (
        <Paper withBorder p="xs" radius="sm">
          <Text size="sm" fw={500} mb={4}>
            Hours of {editing.name.trim() || `work week ${open + 1}`}
            {editing.from && editing.to ? `, ${editing.from} to ${editing.to}` : ''}
          </Text>
          <WeekEditor
            week={editing.week}
            onChange={(week) => set(open, { week })}
            inheritLabel="Default week"
            inheritedText={(wd) => `as the default week: ${defaultDayText(wd)}`}
            testId="work-week-hours"
          />
        </Paper>
      )}
    </Stack>
  );
}
