/** A malformed XER file: names the file, the table, the line and what is wrong. */
export class XerFormatError extends Error {
  constructor(
    readonly file: string,
    readonly table: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${table ? `${table} ` : ''}${detail}`);
    this.name = 'XerFormatError';
  }
}
