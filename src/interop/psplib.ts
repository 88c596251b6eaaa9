import type { LevelingProblem } from '../engine/level/problem.ts';

/**
 * Reader for PSPLIB single-mode RCPSP files (`.sm`, Kolisch & Sprecher 1996) and for the
 * PSPLIB solution lists (`j30opt.sm`, `j60hrs.sm`, `j60lb.sm`).
 */

/** One `.sm` instance, jobs numbered from 0 in the file's order (job 1 of the file is 0). */
export interface PsplibInstance {
  readonly jobs: number;
  readonly horizon: number;
  readonly durations: Int32Array;
  /** Successor lists, 0-based. */
  readonly successors: readonly (readonly number[])[];
  /** Renewable demands, `jobs × resources`, row-major. */
  readonly demands: Int32Array;
  readonly capacities: Int32Array;
  /** Critical-path length printed by ProGen ("MPM-Time"), when the file has it. */
  readonly mpmTime: number | null;
}

/** A malformed PSPLIB file: names the line (1-based) and what was wrong there. */
export class PsplibParseError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}line ${line}: ${detail}`);
    this.name = 'PsplibParseError';
  }
}

function numbersOf(text: string, line: number, file?: string): number[] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return parts.map((s) => {
    if (!/^-?\d+$/.test(s)) throw new PsplibParseError(line, `expected integers, found "${s}"`, file);
    return Number(s);
  });
}

function valueAfterColon(lines: string[], prefix: RegExp, what: string, file?: string): [number, number] {
  for (let i = 0; i < lines.length; i++) {
    if (prefix.test(lines[i])) {
      const m = /:\s*(-?\d+)/.exec(lines[i]);
      if (!m) throw new PsplibParseError(i + 1, `no number for ${what}`, file);
      return [Number(m[1]), i + 1];
    }
  }
  throw new PsplibParseError(lines.length, `missing "${what}"`, file);
}

function sectionStart(lines: string[], title: RegExp, what: string, file?: string): number {
  const at = lines.findIndex((l) => title.test(l));
  if (at < 0) throw new PsplibParseError(lines.length, `missing section ${what}`, file);
  return at;
}

function isRule(line: string): boolean {
  return /^\s*[*=-]{5,}/.test(line);
}

/**
 * Parses the text of a single-mode `.sm` file.
 *
 * @example
 * const inst = parsePsplibSm(readFileSync('j3010_1.sm', 'utf8'), 'j3010_1.sm');
 * inst.jobs; // 32
 */
export function parsePsplibSm(text: string, file?: string): PsplibInstance {
  const lines = text.split(/\r?\n/);
  const [jobs, jobsLine] = valueAfterColon(lines, /^\s*jobs \(incl/, 'jobs', file);
  if (jobs < 2) throw new PsplibParseError(jobsLine, `expected at least 2 jobs, found ${jobs}`, file);
  const [horizon] = valueAfterColon(lines, /^\s*horizon/, 'horizon', file);
  const [renewable] = valueAfterColon(lines, /^\s*-\s*renewable/, 'renewable', file);
  const [nonrenewable] = valueAfterColon(lines, /^\s*-\s*nonrenewable/, 'nonrenewable', file);
  const [doubly] = valueAfterColon(lines, /^\s*-\s*doubly/, 'doubly constrained', file);
  const R = renewable;
  const columns = renewable + nonrenewable + doubly;

  let mpmTime: number | null = null;
  const info = lines.findIndex((l) => /^PROJECT INFORMATION/.test(l));
  if (info >= 0 && info + 2 < lines.length) {
    const v = numbersOf(lines[info + 2], info + 3, file);
    if (v.length >= 6) mpmTime = v[5];
  }

  const successors: number[][] = Array.from({ length: jobs }, () => []);
  const prec = sectionStart(lines, /^PRECEDENCE RELATIONS/, 'PRECEDENCE RELATIONS', file);
  for (let k = 0; k < jobs; k++) {
    const at = prec + 2 + k;
    if (at >= lines.length || isRule(lines[at])) {
      throw new PsplibParseError(at + 1, `expected the successors of job ${k + 1}`, file);
    }
    const v = numbersOf(lines[at], at + 1, file);
    if (v.length < 3 || v[0] !== k + 1) {
      throw new PsplibParseError(at + 1, `expected "jobnr #modes #successors …" for job ${k + 1}`, file);
    }
    if (v[1] !== 1)
      throw new PsplibParseError(
        at + 1,
        `job ${k + 1} has ${v[1]} modes; only single-mode is supported`,
        file,
      );
    if (v.length !== 3 + v[2]) {
      throw new PsplibParseError(
        at + 1,
        `job ${k + 1} announces ${v[2]} successors but lists ${v.length - 3}`,
        file,
      );
    }
    for (const s of v.slice(3)) {
      if (s < 1 || s > jobs)
        throw new PsplibParseError(at + 1, `job ${k + 1} has unknown successor ${s}`, file);
      if (s === k + 1) throw new PsplibParseError(at + 1, `job ${k + 1} succeeds itself`, file);
      successors[k].push(s - 1);
    }
  }

  const durations = new Int32Array(jobs);
  const demands = new Int32Array(jobs * R);
  const req = sectionStart(lines, /^REQUESTS\/DURATIONS/, 'REQUESTS/DURATIONS', file);
  const rowLine = new Int32Array(jobs);
  let at = req + 1;
  while (at < lines.length && (isRule(lines[at]) || /^\s*jobnr/.test(lines[at]))) at++;
  for (let k = 0; k < jobs; k++, at++) {
    if (at >= lines.length || isRule(lines[at])) {
      throw new PsplibParseError(at + 1, `expected the duration and requests of job ${k + 1}`, file);
    }
    const v = numbersOf(lines[at], at + 1, file);
    if (v.length !== 3 + columns || v[0] !== k + 1) {
      throw new PsplibParseError(
        at + 1,
        `expected "jobnr mode duration" and ${columns} requests for job ${k + 1}`,
        file,
      );
    }
    if (v[2] < 0) throw new PsplibParseError(at + 1, `job ${k + 1} has a negative duration`, file);
    durations[k] = v[2];
    rowLine[k] = at + 1;
    for (let r = 0; r < R; r++) {
      if (v[3 + r] < 0) throw new PsplibParseError(at + 1, `job ${k + 1} has a negative request`, file);
      demands[k * R + r] = v[3 + r];
    }
  }

  const avail = sectionStart(lines, /^RESOURCEAVAILABILITIES/, 'RESOURCEAVAILABILITIES', file);
  const capLine = avail + 2;
  if (capLine >= lines.length) throw new PsplibParseError(capLine, 'missing resource availabilities', file);
  const caps = numbersOf(lines[capLine], capLine + 1, file);
  if (caps.length !== columns) {
    throw new PsplibParseError(capLine + 1, `expected ${columns} availabilities, found ${caps.length}`, file);
  }
  const capacities = Int32Array.from(caps.slice(0, R));
  for (let k = 0; k < jobs; k++) {
    for (let r = 0; r < R; r++) {
      if (demands[k * R + r] > capacities[r]) {
        throw new PsplibParseError(
          rowLine[k],
          `job ${k + 1} requests ${demands[k * R + r]} of resource ${r + 1}, above its availability ${capacities[r]}`,
          file,
        );
      }
    }
  }
  return { jobs, horizon, durations, successors, demands, capacities, mpmTime };
}

/** The instance as a leveling problem: finish-to-start links, no lags, one project. */
export function psplibToProblem(inst: PsplibInstance): LevelingProblem {
  const from: number[] = [];
  const to: number[] = [];
  inst.successors.forEach((list, i) => {
    for (const j of list) {
      from.push(i);
      to.push(j);
    }
  });
  return {
    durations: inst.durations,
    capacities: inst.capacities,
    demands: inst.demands,
    links: { from, to },
    names: Array.from({ length: inst.jobs }, (_, i) => `job ${i + 1}`),
  };
}

/** One row of a PSPLIB solution list. */
export interface PsplibSolutionRow {
  readonly parameter: number;
  readonly instance: number;
  /** Makespan (optimum or upper bound), or UB in a bounds file. */
  readonly makespan: number;
  /** Lower bound, in bounds files (`j60lb.sm`). */
  readonly lowerBound?: number;
  /** `*` in a bounds file: the lower bound equals the upper bound. */
  readonly provenOptimal?: boolean;
}

/**
 * Parses a PSPLIB solution list: rows of "parameter instance makespan …" after the header
 * (`j30opt.sm`, `j60hrs.sm`), or "parameter instance UB LB [*]" (`j60lb.sm`).
 */
export function parsePsplibSolutions(text: string, file?: string): PsplibSolutionRow[] {
  const lines = text.split(/\r?\n/);
  const bounds = lines.some((l) => /^\s*Par\s+Inst\s+UB\s+LB/.test(l));
  const rows: PsplibSolutionRow[] = [];
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*Par(amter|ameter)?\s+Inst/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || isRule(line) || line.trim() === '') continue;
    const parts = line.trim().split(/\s+/);
    if (!/^\d+$/.test(parts[0] ?? '')) continue;
    const [par, inst, a, b] = parts.map(Number);
    if (![par, inst, a].every(Number.isInteger)) {
      throw new PsplibParseError(i + 1, 'expected "parameter instance makespan"', file);
    }
    if (bounds) {
      if (!Number.isInteger(b))
        throw new PsplibParseError(i + 1, 'expected "parameter instance UB LB"', file);
      rows.push({
        parameter: par,
        instance: inst,
        makespan: a,
        lowerBound: b,
        provenOptimal: parts[4] === '*',
      });
    } else {
      rows.push({ parameter: par, instance: inst, makespan: a });
    }
  }
  if (rows.length === 0) throw new PsplibParseError(lines.length, 'no solution rows found', file);
  return rows;
}
