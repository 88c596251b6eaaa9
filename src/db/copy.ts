/**
 * CSV for PostgreSQL's COPY: an unquoted empty field is NULL, so every string is quoted (an empty
 * string stays a string) and quotes inside are doubled; numbers and booleans go as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
  return String(value);
}

/** Rows of values as one CSV text, ready for `Queryable.copyCsv`. */
export function csvOf(rows: Iterable<readonly unknown[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
