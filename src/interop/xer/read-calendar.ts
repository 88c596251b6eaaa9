import { dayOf, parseLocalDateTime, parseTimeOfDay } from '../../engine/calendar/epoch.ts';
import type { CalendarException, DayPattern, WorkingInterval } from '../../engine/calendar/types.ts';

/** One `(0||name(attributes)(children))` node of CALENDAR.clndr_data. */
interface ClndrNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: ClndrNode[];
}

/** Day numbers of the 1899-12-30 epoch P6 (like Excel) writes exception days in. */
const SERIAL_TO_EPOCH_DAY = 25_569;

export class ClndrDataError extends Error {}

function parseNodes(text: string): ClndrNode[] {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /[\s\x7f]/.test(text[pos])) pos++;
  };
  const until = (stop: string) => {
    const end = text.indexOf(stop, pos);
    if (end < 0) throw new ClndrDataError(`expected "${stop}" after position ${pos}`);
    const out = text.slice(pos, end);
    pos = end + stop.length;
    return out;
  };
  const list = (): ClndrNode[] => {
    const out: ClndrNode[] = [];
    for (;;) {
      skip();
      if (text[pos] !== '(') return out;
      pos++;
      until('||');
      const name = until('(').trim();
      const attrText = until(')');
      const parts = attrText.split('|');
      const attrs: Record<string, string> = {};
      for (let k = 0; k + 1 < parts.length; k += 2) attrs[parts[k].trim()] = parts[k + 1].trim();
      skip();
      if (text[pos] !== '(') throw new ClndrDataError(`node ${name} has no child list at position ${pos}`);
      pos++;
      const children = list();
      skip();
      if (text[pos] !== ')') throw new ClndrDataError(`node ${name} child list is not closed at ${pos}`);
      pos++;
      skip();
      if (text[pos] !== ')') throw new ClndrDataError(`node ${name} is not closed at position ${pos}`);
      pos++;
      out.push({ name, attrs, children });
    }
  };
  return list();
}

function intervalsOf(node: ClndrNode): WorkingInterval[] {
  const out: WorkingInterval[] = [];
  for (const c of node.children) {
    const s = c.attrs.s;
    const f = c.attrs.f;
    if (s === undefined || f === undefined) continue;
    const from = parseTimeOfDay(s);
    const to = parseTimeOfDay(f, true);
    if (to > from) out.push({ from, to });
    else if (to < from) out.push({ from, to: 1440 });
  }
  return out.sort((a, b) => a.from - b.from);
}

export interface ClndrData {
  /** Index 0 = Sunday; null when the data does not list the weekdays. */
  readonly week: DayPattern[] | null;
  readonly exceptions: CalendarException[];
}

/**
 * Reads P6's nested calendar text: `DaysOfWeek` with days 1 (Sunday) to 7 holding `s|HH:MM|f|HH:MM`
 * intervals, and `Exceptions` with `d|serial` days (an empty interval list is a holiday).
 */
export function readClndrData(text: string): ClndrData {
  if (!text.trim()) return { week: null, exceptions: [] };
  const roots = parseNodes(text);
  const data = roots.find((n) => n.name === 'CalendarData') ?? { name: '', attrs: {}, children: roots };
  let week: DayPattern[] | null = null;
  const exceptions: CalendarException[] = [];
  for (const section of data.children) {
    if (section.name === 'DaysOfWeek') {
      week = [[], [], [], [], [], [], []];
      for (const day of section.children) {
        const n = Number(day.name);
        if (n >= 1 && n <= 7) week[n - 1] = intervalsOf(day);
      }
    } else if (section.name === 'Exceptions') {
      for (const ex of section.children) {
        const serial = Number(ex.attrs.d);
        if (!Number.isFinite(serial)) throw new ClndrDataError(`exception ${ex.name} has no day (d|…)`);
        const day = serial - SERIAL_TO_EPOCH_DAY;
        exceptions.push({ from: day, to: day, intervals: intervalsOf(ex) });
      }
    }
  }
  return { week, exceptions };
}

/** Writes a calendar back in the same nested form. */
export function writeClndrData(
  week: readonly DayPattern[],
  exceptions: readonly CalendarException[],
): string {
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const ivs = (list: readonly WorkingInterval[] | null | undefined) =>
    (list ?? []).map((iv, k) => `(0||${k}(s|${hhmm(iv.from)}|f|${hhmm(iv.to)})())`).join('');
  const days = week.map((d, k) => `(0||${k + 1}()(${ivs(d)}))`).join('');
  const dayNumber = (v: number | string) => (typeof v === 'number' ? v : dayOf(parseLocalDateTime(v)));
  const out: string[] = [];
  for (const e of exceptions) {
    const from = dayNumber(e.from);
    const to = e.to === undefined ? from : dayNumber(e.to);
    for (let d = from; d <= to; d++)
      out.push(`(0||${out.length}(d|${d + SERIAL_TO_EPOCH_DAY})(${ivs(e.intervals)}))`);
  }
  const exs = out.join('');
  return `(0||CalendarData()((0||DaysOfWeek()(${days}))(0||VIEW(ShowTotal|Y)())(0||Exceptions()(${exs}))))`;
}
