export { XerFormatError } from './errors.ts';
export { readClndrData, writeClndrData } from './read-calendar.ts';
export { decodeXer, readXerTables } from './read-tables.ts';
export { readXer } from './read-xer.ts';
export type * from './types.ts';
