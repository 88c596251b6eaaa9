import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/engine/level/feasibility.ts';
import { levelSchedule } from '../../src/engine/level/level-schedule.ts';
import {
  PsplibParseError,
  parsePsplibSm,
  parsePsplibSolutions,
  psplibToProblem,
} from '../../src/interop/psplib.ts';

const DIR = '/work/shared/data/psplib';
const j3010_1 = readFileSync(`${DIR}/j30/j3010_1.sm`, 'utf8');

/** Replaces one line (1-based) of a file's text. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

/** 1-based line of job `job`'s row in the section that starts with `title`. */
function rowOf(text: string, title: string, job: number): number {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(title));
  return lines.findIndex((l, k) => k > at && l.trim().split(/\s+/)[0] === String(job)) + 1;
}

describe('parsePsplibSm', () => {
  it('reads jobs, durations, successors, requests and availabilities of j3010_1', () => {
    const inst = parsePsplibSm(j3010_1);
    expect(inst.jobs).toBe(32);
    expect(inst.horizon).toBe(164);
    expect(inst.mpmTime).toBe(41);
    expect(Array.from(inst.capacities)).toEqual([24, 23, 25, 33]);
    expect(inst.successors[0]).toEqual([1, 2, 3]);
    expect(inst.successors[31]).toEqual([]);
    expect(inst.durations[2]).toBe(5);
    expect(Array.from(inst.demands.subarray(2 * 4, 3 * 4))).toEqual([0, 5, 9, 10]);
  });

  it('names the line of a successor list that announces more successors than it lists', () => {
    const at = rowOf(j3010_1, 'PRECEDENCE', 2);
    const bad = withLine(j3010_1, at, '   2        1          4          10  11  28');
    expect(() => parsePsplibSm(bad, 'bad.sm')).toThrow(PsplibParseError);
    expect(() => parsePsplibSm(bad, 'bad.sm')).toThrow(
      `bad.sm: line ${at}: job 2 announces 4 successors but lists 3`,
    );
  });

  it('names the line of a request row with a stray token', () => {
    const at = rowOf(j3010_1, 'REQUESTS', 3);
    const bad = withLine(j3010_1, at, '  3      1     5       0    x    9   10');
    try {
      parsePsplibSm(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PsplibParseError);
      expect((error as PsplibParseError).line).toBe(at);
      expect((error as Error).message).toContain('"x"');
    }
  });

  it('names the line of a request above the availability', () => {
    const at = rowOf(j3010_1, 'REQUESTS', 4);
    const bad = withLine(j3010_1, at, '  4      1     6      80   10   10    0');
    expect(() => parsePsplibSm(bad)).toThrow(
      `line ${at}: job 4 requests 80 of resource 1, above its availability 24`,
    );
  });

  it('rejects a multi-mode job, an unknown successor and a truncated file', () => {
    const at = rowOf(j3010_1, 'PRECEDENCE', 5);
    expect(() => parsePsplibSm(withLine(j3010_1, at, '   5        3          1           8'))).toThrow(
      `line ${at}: job 5 has 3 modes`,
    );
    expect(() => parsePsplibSm(withLine(j3010_1, at, '   5        1          1          99'))).toThrow(
      `line ${at}: job 5 has unknown successor 99`,
    );
    const truncated = j3010_1.split('\n').slice(0, 40).join('\n');
    expect(() => parsePsplibSm(truncated)).toThrow(PsplibParseError);
    expect(() => parsePsplibSm('')).toThrow(/line 1: missing "jobs"/);
  });
});

describe('parsePsplibSolutions', () => {
  it('reads the proven optima of j30 and the bounds of j60', () => {
    const opt = parsePsplibSolutions(readFileSync(`${DIR}/solutions/j30opt.sm`, 'utf8'));
    expect(opt).toHaveLength(480);
    expect(opt[0]).toEqual({ parameter: 1, instance: 1, makespan: 43 });
    const lb = parsePsplibSolutions(readFileSync(`${DIR}/solutions/j60lb.sm`, 'utf8'));
    expect(lb[0]).toEqual({ parameter: 1, instance: 1, makespan: 77, lowerBound: 77, provenOptimal: true });
    const hrs = parsePsplibSolutions(readFileSync(`${DIR}/solutions/j60hrs.sm`, 'utf8'));
    expect(hrs).toHaveLength(480);
    expect(hrs[0].makespan).toBe(77);
  });
});

describe('PSPLIB instances leveled', () => {
  // Proven optima from j30opt.sm (Demeulemeester & Herroelen); the harder instance gets the
  // benchmark's full budget.
  const cases: Array<[string, number, number]> = [
    ['j301_1', 43, 1000],
    ['j301_2', 47, 1000],
    ['j3010_1', 42, 1000],
    ['j3046_3', 65, 5000],
  ];
  it.each(cases)('reaches the proven optimum of %s (%i) within %i schedules', (name, optimum, budget) => {
    const problem = psplibToProblem(parsePsplibSm(readFileSync(`${DIR}/j30/${name}.sm`, 'utf8')));
    const r = levelSchedule(problem, { schedules: budget, seed: 1 });
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    expect(r.makespan).toBe(optimum);
  });
});
