import type { FieldError } from './errors.ts';

/**
 * Reads an actual-cost CSV: a header row naming the columns (date, category, amount, description,
 * and optionally task — a WBS code — and resource — a resource code), then one cost per line. Every
 * bad row is reported with its line number and field; a file with any bad row imports nothing.
 */

export interface CsvCost {
  line: number;
  incurredOn: string;
  category: string;
  amount: number;
  description: string;
  task: string;
  resource: string;
}

const categories = new Set(['labour', 'capital', 'operating', 'other']);
const aliases: Record<string, string> = {
  date: 'date',
  incurred_on: 'date',
  incurredon: 'date',
  category: 'category',
  amount: 'amount',
  description: 'description',
  task: 'task',
  task_code: 'task',
  wbs: 'task',
  resource: 'resource',
  resource_code: 'resource',
};

/** Splits CSV text into rows of fields (RFC 4180 quoting), with each row's 1-based line number. */
export function splitCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields });
  return rows;
}

const isIsoDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export function parseActualCostCsv(text: string): { rows: CsvCost[]; errors: FieldError[] } {
  const lines = splitCsv(text);
  const errors: FieldError[] = [];
  if (lines.length === 0) return { rows: [], errors: [{ field: 'file', message: 'is empty' }] };
  const header = lines[0].fields.map((h) => aliases[h.trim().toLowerCase().replace(/\s+/g, '_')] ?? '');
  for (const required of ['date', 'category', 'amount']) {
    if (!header.includes(required))
      errors.push({ field: 'line 1', message: `the header must name a "${required}" column` });
  }
  if (errors.length > 0) return { rows: [], errors };
  const col = (name: string) => header.indexOf(name);
  const rows: CsvCost[] = [];
  for (const { line, fields } of lines.slice(1)) {
    const get = (name: string) => (col(name) >= 0 ? (fields[col(name)] ?? '').trim() : '');
    const at = (field: string, message: string) => errors.push({ field: `line ${line}: ${field}`, message });
    const date = get('date');
    const category = get('category').toLowerCase();
    const amountText = get('amount').replace(/[\s_]/g, '');
    const amount = Number(amountText);
    let ok = true;
    if (!isIsoDate(date)) {
      at('date', `"${date}" is not a date written YYYY-MM-DD`);
      ok = false;
    }
    if (!categories.has(category)) {
      at('category', `"${get('category')}" must be labour, capital, operating or other`);
      ok = false;
    }
    if (amountText === '' || !Number.isFinite(amount)) {
      at('amount', `"${get('amount')}" is not a number`);
      ok = false;
    } else if (amount < 0) {
      at('amount', `${amountText} must not be negative`);
      ok = false;
    }
    if (ok)
      rows.push({
        line,
        incurredOn: date,
        category,
        amount: Math.round(amount * 100) / 100,
        description: get('description').slice(0, 2000),
        task: get('task'),
        resource: get('resource'),
      });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ field: 'file', message: 'holds no cost rows' });
  return { rows, errors };
}
