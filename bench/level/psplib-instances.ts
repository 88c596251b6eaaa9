import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PSPLIB_DIR = '/work/shared/data/psplib';

/** One row of `psplib_reference.csv`: the instance file and its published figures. */
export interface PsplibReference {
  readonly set: string;
  readonly name: string;
  readonly file: string;
  /** Critical-path length (resource-unconstrained lower bound). */
  readonly cpBound: number;
  /** Proven optimum (j30) or null. */
  readonly optimum: number | null;
  /** Best known upper bound. */
  readonly bestKnown: number;
  readonly lowerBound: number | null;
  /** The best known makespan is proven optimal (j30: always; j60: lower bound = upper bound). */
  readonly provenOptimal: boolean;
}

export function readReferences(dir = PSPLIB_DIR): PsplibReference[] {
  const lines = readFileSync(join(dir, 'solutions', 'psplib_reference.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`psplib_reference.csv: no column ${name}`);
    return at;
  };
  const [cSet, cFile, cMpm, cOpt, cUb, cLb, cProven] = [
    'set',
    'file',
    'mpm_time_in_file',
    'opt_makespan',
    'best_ub',
    'lb',
    'lb_proven_opt',
  ].map(col);
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    const file = f[cFile];
    return {
      set: f[cSet],
      name: file.replace(/^.*\//, '').replace(/\.sm$/, ''),
      file: join(dir, file),
      cpBound: Number(f[cMpm]),
      optimum: f[cOpt] === '' ? null : Number(f[cOpt]),
      bestKnown: Number(f[cUb]),
      lowerBound: f[cLb] === '' ? null : Number(f[cLb]),
      provenOptimal: f[cOpt] !== '' || f[cProven] === '1',
    };
  });
}
