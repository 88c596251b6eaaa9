import { formatLocalDateTime, parseLocalDateTime } from '../../engine/calendar/epoch.ts';
import { type LocalDateTime, MspdiWriteError } from './types.ts';

// Characters XML 1.0 forbids even when escaped (C0 controls other than tab, LF, CR).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped by escapeXml
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text; // most values are numbers and dates
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Minutes as an MSPDI ISO 8601 duration: 480 → `PT8H0M0S`. */
export function isoDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs - hours * 60;
  const whole = Math.floor(rest);
  const seconds = Math.round((rest - whole) * 60);
  return `${sign}PT${hours}H${whole}M${seconds}S`;
}

export class XmlOut {
  readonly parts: string[] = [];
  constructor(private depth: number) {}

  open(tag: string): void {
    this.parts.push(`${'\t'.repeat(this.depth)}<${tag}>\n`);
    this.depth++;
  }

  close(tag: string): void {
    this.depth--;
    this.parts.push(`${'\t'.repeat(this.depth)}</${tag}>\n`);
  }

  /** Writes `<tag>value</tag>`; null and undefined write nothing (the element is optional). */
  el(tag: string, value: string | number | boolean | null | undefined): void {
    if (value === null || value === undefined) return;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : escapeXml(String(value));
    this.parts.push(`${'\t'.repeat(this.depth)}<${tag}>${text}</${tag}>\n`);
  }
}

export function checkedDate(
  value: LocalDateTime | null | undefined,
  where: string,
  field: string,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    return formatLocalDateTime(parseLocalDateTime(value));
  } catch {
    throw new MspdiWriteError(where, field, `is not a local date-time: ${JSON.stringify(value)}`);
  }
}
