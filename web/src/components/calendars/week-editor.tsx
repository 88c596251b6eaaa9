import { SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import type { Interval } from '../../api/calendars.ts';

/** Monday first on screen; the API's week is Sunday first. */
export const WEEKDAYS = [
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

/** `inherit` is the API's null day: the base calendar's day, or in a dated work week the calendar's own week. */
type DayMode = 'inherit' | 'off' | 'work';
export interface DayDraft {
  mode: DayMode;
  text: string;
}

export const dayDraft = (day: Interval[] | null): DayDraft =>
  day === null
    ? { mode: 'inherit', text: STANDARD }
    : day.length === 0
      ? { mode: 'off', text: STANDARD }
      : { mode: 'work', text: formatIntervals(day) };

/** Monday to Friday at the standard hours, weekends off. */
export const standardWeekDraft = (): DayDraft[] =>
  [0, 1, 1, 1, 1, 1, 0].map((working) => ({ mode: working ? 'work' : 'off', text: STANDARD }));

/** The drafts as the API's week (Sunday first), or the message for the first day that does not parse. */
export function weekFromDrafts(week: DayDraft[]): { days: (Interval[] | null)[] } | { error: string } {
  const days: (Interval[] | null)[] = [];
  for (const [wd, label] of WEEKDAYS) {
    const d = week[wd];
    const ivs = d.mode === 'work' ? parseIntervals(d.text) : [];
    if (ivs === null) return { error: `${label}: write working time as 08:00–12:00, 13:00–17:00` };
    days[wd] = d.mode === 'inherit' ? null : ivs;
  }
  return { days };
}

/**
 * One week of day patterns, each day inherited, non-working or working intervals: the calendar's
 * default week and each dated work week use it. `inheritLabel` is null where nothing can be inherited.
 */
export function WeekEditor({
  week,
  onChange,
  inheritLabel,
  inheritedText,
  testId,
}: {
  week: DayDraft[];
  onChange: (week: DayDraft[]) => void;
  inheritLabel: string | null;
  inheritedText: (weekday: number) => string;
  testId: string;
}) {
  const setDay = (wd: number, change: Partial<DayDraft>) =>
    onChange(week.map((d, i) => (i === wd ? { ...d, ...change } : d)));
  const modes = [
    ...(inheritLabel ? [{ value: 'inherit', label: inheritLabel }] : []),
    { value: 'off', label: 'Non-working' },
    { value: 'work', label: 'Working' },
  ];
  return (
    <Table data-testid={testId}>
      <Table.Tbody>
        {WEEKDAYS.map(([wd, label]) => {
          const d = week[wd];
          const mode = d.mode === 'inherit' && !inheritLabel ? 'off' : d.mode;
          return (
            <Table.Tr key={wd} data-weekday={label}>
              <Table.Td w={110}>{label}</Table.Td>
              <Table.Td w={330}>
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
                    {mode === 'inherit' ? inheritedText(wd) : 'non-working'}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
