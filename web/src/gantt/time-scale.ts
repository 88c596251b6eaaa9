import { MINUTES_PER_DAY } from './gantt-model.ts';

export type Zoom = 'day' | 'week' | 'month' | 'quarter';
export const ZOOMS: readonly Zoom[] = ['day', 'week', 'month', 'quarter'];

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const PX_PER_DAY: Record<Zoom, number> = { day: 30, week: 9, month: 2.6, quarter: 0.95 };
const TIERS: Record<Zoom, [Unit, Unit]> = {
  day: ['month', 'day'],
  week: ['month', 'week'],
  month: ['year', 'month'],
  quarter: ['year', 'quarter'],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Maps epoch minutes to pixels and back for one zoom level, from a day-aligned origin. */
export class TimeScale {
  readonly zoom: Zoom;
  readonly origin: number;
  readonly end: number;
  readonly pxPerMinute: number;

  constructor(zoom: Zoom, from: number, to: number) {
    this.zoom = zoom;
    // Room either side so the first and last bars are not pinned to the edges.
    const pad = { day: 7, week: 21, month: 60, quarter: 120 }[zoom] * MINUTES_PER_DAY;
    this.origin = floorTo(from - pad, zoom === 'day' || zoom === 'week' ? 'week' : 'month');
    this.end = to + pad;
    this.pxPerMinute = PX_PER_DAY[zoom] / MINUTES_PER_DAY;
  }

  x(minutes: number): number {
    return (minutes - this.origin) * this.pxPerMinute;
  }

  minutesAt(x: number): number {
    return this.origin + x / this.pxPerMinute;
  }

  get width(): number {
    return Math.ceil(this.x(this.end));
  }

  get tiers(): [Unit, Unit] {
    return TIERS[this.zoom];
  }

  /** The boundaries of `unit` cells that overlap pixels [x0, x1], with their labels. */
  cells(unit: Unit, x0: number, x1: number): { x: number; width: number; label: string; weekend: boolean }[] {
    const out = [];
    let at = floorTo(this.minutesAt(Math.max(0, x0)), unit);
    const stop = this.minutesAt(x1);
    while (at <= stop && out.length < 2000) {
      const next = step(at, unit);
      const x = this.x(at);
      out.push({
        x,
        width: this.x(next) - x,
        label: label(at, unit, this.x(next) - x),
        weekend: isWeekend(at),
      });
      at = next;
    }
    return out;
  }
}

function isWeekend(minutes: number): boolean {
  const weekday = (Math.floor(minutes / MINUTES_PER_DAY) + 4) % 7;
  return weekday === 0 || weekday === 6;
}

function floorTo(minutes: number, unit: Unit): number {
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  if (unit === 'day') return day * MINUTES_PER_DAY;
  if (unit === 'week') {
    const weekday = (day + 3) % 7; // days since Monday
    return (day - weekday) * MINUTES_PER_DAY;
  }
  const d = new Date(day * MINUTES_PER_DAY * 60_000);
  const month = d.getUTCMonth();
  const firstMonth = unit === 'month' ? month : unit === 'quarter' ? month - (month % 3) : 0;
  return Date.UTC(d.getUTCFullYear(), firstMonth, 1) / 60_000;
}

function step(minutes: number, unit: Unit): number {
  if (unit === 'day') return minutes + MINUTES_PER_DAY;
  if (unit === 'week') return minutes + 7 * MINUTES_PER_DAY;
  const d = new Date(minutes * 60_000);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / 60_000;
}

function label(minutes: number, unit: Unit, width: number): string {
  const d = new Date(minutes * 60_000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (unit) {
    case 'day':
      return width >= 18 ? String(d.getUTCDate()) : '';
    case 'week':
      return width >= 40 ? `${d.getUTCDate()} ${MONTHS[month]}` : String(d.getUTCDate());
    case 'month':
      if (width >= 120) return `${LONG_MONTHS[month]} ${year}`;
      return width >= 28 ? MONTHS[month] : MONTHS[month][0];
    case 'quarter':
      return width >= 60 ? `Q${Math.floor(month / 3) + 1} ${year}` : `Q${Math.floor(month / 3) + 1}`;
    case 'year':
      return String(year);
  }
}
