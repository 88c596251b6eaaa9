import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkSchedule } from '../../engine/level/feasibility.ts';
import { levelSchedule } from '../../engine/level/level-schedule.ts';
import { parsePsplibSm, psplibToProblem } from '../../interop/psplib.ts';

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new Error(`--${name} expects a non-negative integer, got "${value}"`);
  }
  return n;
}

/** `orrery level FILE.sm`: levels one PSPLIB instance and prints its makespan and starts. */
export function registerLevelCommand(program: Command): void {
  program
    .command('level')
    .description('Level a PSPLIB single-mode instance (.sm): resource-constrained schedule')
    .argument('<file>', 'PSPLIB .sm file')
    .option('--schedules <n>', 'budget of generated schedules', '1000')
    .option('--seed <s>', 'seed of the search', '1')
    .option('--format <format>', 'json or table', 'json')
    .action((file: string, opts: { schedules: string; seed: string; format: string }) => {
      const schedules = positiveInteger('schedules', opts.schedules);
      if (schedules < 1) throw new Error('--schedules must be at least 1');
      const seed = positiveInteger('seed', opts.seed);
      if (opts.format !== 'json' && opts.format !== 'table') {
        throw new Error(`--format must be json or table, got "${opts.format}"`);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as Error).message}`);
      }
      const instance = parsePsplibSm(text, file);
      const problem = psplibToProblem(instance);
      const result = levelSchedule(problem, { schedules, seed });
      const violations = checkSchedule(problem, result.starts);
      if (violations.length > 0)
        throw new Error(`internal error, infeasible schedule: ${violations[0].message}`);
      if (opts.format === 'json') {
        process.stdout.write(
          `${JSON.stringify({ makespan: result.makespan, starts: Array.from(result.starts) })}\n`,
        );
        return;
      }
      const rows = [['job', 'duration', 'start', 'finish', 'delay']];
      for (let i = 0; i < instance.jobs; i++) {
        rows.push(
          [i + 1, instance.durations[i], result.starts[i], result.finishes[i], result.delays[i]].map(String),
        );
      }
      const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
      for (const row of rows) process.stdout.write(`${row.map((v, c) => v.padStart(width[c])).join('  ')}\n`);
      process.stdout.write(
        `makespan ${result.makespan} (critical path ${instance.mpmTime ?? '?'}), ${result.schedules} schedules\n`,
      );
    });
}
