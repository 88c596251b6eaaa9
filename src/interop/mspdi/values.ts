import { parseLocalDateTime } from '../../engine/calendar/epoch.ts';
import { MspdiFormatError } from './errors.ts';

/** Parsed XML node (see parseXmlTree): child elements by name, text values as strings. */
export type XmlNode = Record<string, unknown>;

export function asArray(v: unknown): XmlNode[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as XmlNode[];
}

export class ValueReader {
  constructor(readonly file: string) {}

  text(node: XmlNode, key: string): string | null {
    const v = node[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'object') {
      const t = (v as XmlNode)['#text'];
      return t === undefined ? '' : String(t);
    }
    return String(v);
  }

  int(node: XmlNode, key: string, where: string): number | null {
    const t = this.text(node, key);
    if (t === null || t === '') return null;
    const n = Number(t);
    if (!Number.isFinite(n))
      throw new MspdiFormatError(this.file, `${where}/${key}`, `is not a number: ${JSON.stringify(t)}`);
    return n;
  }

  bool(node: XmlNode, key: string): boolean | null {
    const t = this.text(node, key);
    if (t === null || t === '') return null;
    return t === '1' || t.toLowerCase() === 'true';
  }

  date(node: XmlNode, key: string, where: string): number | null {
    const t = this.text(node, key);
    if (t === null || t === '') return null;
    try {
      return parseLocalDateTime(t);
    } catch {
      throw new MspdiFormatError(this.file, `${where}/${key}`, `is not a date-time: ${JSON.stringify(t)}`);
    }
  }

  /** ISO 8601 duration (`PT8H0M0S`, `P1DT2H`) as minutes; days here are 24 hours as in the format. */
  duration(node: XmlNode, key: string, where: string): number | null {
    const t = this.text(node, key);
    if (t === null || t === '') return null;
    const m =
      /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
        t.trim(),
      );
    if (!m)
      throw new MspdiFormatError(
        this.file,
        `${where}/${key}`,
        `is not an ISO 8601 duration: ${JSON.stringify(t)}`,
      );
    const [, neg, y, mo, d, h, mi, s] = m;
    if (y || mo)
      throw new MspdiFormatError(this.file, `${where}/${key}`, `uses years or months: ${JSON.stringify(t)}`);
    const minutes = (d ? +d * 1440 : 0) + (h ? +h * 60 : 0) + (mi ? +mi : 0) + (s ? +s / 60 : 0);
    return Math.round((neg ? -minutes : minutes) * 1000) / 1000;
  }
}
