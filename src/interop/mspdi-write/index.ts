export * from './types.ts';
export { escapeXml, isoDuration, MSPDI_NAMESPACE, writeMspdi } from './write-mspdi.ts';
