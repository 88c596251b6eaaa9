import type { Stage } from '../api/types.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in the org's currency, whole units ("$1,250,000"); compact form for totals ("$1.3M"). */
export function formatMoney(amount: number | null | undefined, currency: string, compact = false): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  const key = `${currency}:${compact}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        maximumFractionDigits: compact ? 1 : 0,
        notation: compact ? 'compact' : 'standard',
      });
    } catch {
      // An unknown currency code still shows the amount, labelled with the code.
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
      const plain = f;
      f = { format: (n: number) => `${currency} ${plain.format(n)}` } as Intl.NumberFormat;
    }
    moneyFormats.set(key, f);
  }
  return f.format(amount);
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A calendar date 'YYYY-MM-DD' as "4 Mar 2026" (no time-zone shift: it is a date, not an instant). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return dateFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

/** An instant (ISO timestamp) in the viewer's local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat().format(n);
}

/** 'on_hold' → 'On hold', 'pmo_admin' → 'PMO admin'. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const words = value.split('_').map((w) => (w === 'pmo' ? 'PMO' : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const STAGE_COLORS: Record<Stage, string> = {
  proposal: 'gray',
  initiation: 'cyan',
  planning: 'indigo',
  execution: 'blue',
  closing: 'teal',
  closed: 'dark',
  on_hold: 'yellow',
  terminated: 'pink',
};

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
