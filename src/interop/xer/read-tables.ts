import { XerFormatError } from './errors.ts';

/** One `%R` row: its values by field name and the 1-based line it came from. */
export interface XerRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface XerTable {
  readonly name: string;
  readonly line: number;
  readonly fields: readonly string[];
  readonly rows: XerRow[];
}

export interface XerTables {
  /** The `ERMHDR` line's values: version, export date, …, currency. */
  readonly header: readonly string[];
  readonly tables: ReadonlyMap<string, XerTable>;
}

/** Windows-1252's characters at bytes 0x80-0x9F (the rest of 0x00-0xFF is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * XER files are written in the exporting machine's ANSI code page. UTF-8 is taken when the bytes
 * are valid UTF-8; otherwise runs of three or more bytes in 0xC0-0xFF (whole words of Cyrillic
 * letters) mean windows-1251, and anything else windows-1252.
 */
export function decodeXer(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    let run = 0;
    let cyrillicRuns = 0;
    for (const b of bytes) {
      run = b >= 0xc0 ? run + 1 : 0;
      if (run === 3) cyrillicRuns++;
    }
    if (cyrillicRuns > 0) return new TextDecoder('windows-1251').decode(bytes);
    // By hand: some Node builds decode 'windows-1252' as Latin-1, losing € – “ ” and the like.
    let out = '';
    for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    return out;
  }
}

/**
 * Splits XER text into its tables: `ERMHDR` first, then `%T name`, `%F fields…`, `%R values…`
 * per table, `%E` at the end. Errors name the line.
 */
export function readXerTables(text: string, file = 'XER'): XerTables {
  const lines = text.split(/\r?\n/);
  const first = lines[0]?.split('\t') ?? [];
  if (first[0] !== 'ERMHDR')
    throw new XerFormatError(file, '', 1, 'does not start with ERMHDR (not a Primavera XER file)');
  const tables = new Map<string, XerTable>();
  let current: XerTable | null = null;
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k];
    if (raw === '') continue;
    const line = k + 1;
    const cells = raw.split('\t');
    const tag = cells[0];
    if (tag === '%T') {
      const name = cells[1]?.trim();
      if (!name) throw new XerFormatError(file, '', line, '%T has no table name');
      if (tables.has(name)) throw new XerFormatError(file, name, line, 'appears twice');
      current = { name, line, fields: [], rows: [] };
      tables.set(name, current);
    } else if (tag === '%F') {
      if (!current) throw new XerFormatError(file, '', line, '%F before any %T');
      if (current.fields.length) throw new XerFormatError(file, current.name, line, 'has a second %F line');
      (current as { fields: readonly string[] }).fields = cells.slice(1).map((f) => f.trim());
    } else if (tag === '%R') {
      if (!current) throw new XerFormatError(file, '', line, '%R before any %T');
      if (!current.fields.length) throw new XerFormatError(file, current.name, line, '%R before its %F line');
      const values: Record<string, string> = {};
      current.fields.forEach((f, i) => {
        values[f] = cells[i + 1] ?? '';
      });
      current.rows.push({ line, values });
    } else if (tag === '%E') {
      break;
    } else {
      throw new XerFormatError(
        file,
        current?.name ?? '',
        line,
        `has an unknown line tag ${JSON.stringify(tag)}`,
      );
    }
  }
  return { header: first.slice(1), tables };
}

/**
 * XER text as bytes: Windows-1252, the code page P6 reads and writes by default, when every
 * character fits; UTF-8 otherwise (P6 reads it when the database is Unicode, and so does
 * `decodeXer`).
 */
export function encodeXer(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[k] = c;
    else {
      const high = CP1252_HIGH.indexOf(text[k]);
      if (high < 0) return Buffer.from(text, 'utf8');
      out[k] = 0x80 + high;
    }
  }
  return out;
}
