import type { Command } from 'commander';
import { type DistributionKind, simulateSchedule } from '../../engine/montecarlo/index.ts';
import { mspdiToScheduleInput } from '../../interop/mspdi/to-schedule-input.ts';
import { readPlan } from './schedule.ts';

const whole = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number from ${min}, got "${value}"`);
  return n;
};

/**
 * `orrery simulate FILE.xml`: a Monte Carlo schedule risk analysis of a plan file without a
 * server; the plan's durations get a default spread (PERT -10 % / +25 % unless told otherwise).
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'Monte Carlo schedule risk of an MS Project plan: finish percentiles, criticality, sensitivity',
    )
    .argument('<file>', 'MS Project XML (.xml) or .mpp JSON dump (.json.gz)')
    .option('--iterations <n>', 'iterations', '10000')
    .option('--seed <n>', 'random seed (same seed, same result)', '1')
    .option('--distribution <kind>', 'pert, triangular or uniform', 'pert')
    .option('--optimistic <percent>', 'optimistic change of every duration, in percent', '-10')
    .option('--pessimistic <percent>', 'pessimistic change of every duration, in percent', '25')
    .option('--target <date>', 'a date to give the probability of finishing by (YYYY-MM-DD[THH:MM])')
    .option('--format <format>', 'table or json', 'table')
    .action(
      (
        file: string,
        opts: {
          iterations: string;
          seed: string;
          distribution: string;
          optimistic: string;
          pessimistic: string;
          target?: string;
          format: string;
        },
      ) => {
        if (opts.format !== 'table' && opts.format !== 'json')
          throw new Error(`--format must be table or json, got "${opts.format}"`);
        const { input, warnings } = mspdiToScheduleInput(readPlan(file), file);
        for (const w of warnings) process.stderr.write(`orrery: ${w}\n`);
        const target = opts.target
          ? Math.round(
              Date.parse(`${opts.target.length === 10 ? `${opts.target}T23:59` : opts.target}Z`) / 60_000,
            )
          : null;
        if (target !== null && !Number.isFinite(target))
          throw new Error(`--target is not a date: "${opts.target}"`);
        const r = simulateSchedule({
          schedule: input,
          iterations: whole('--iterations', opts.iterations, 1),
          seed: whole('--seed', opts.seed, 0),
          defaultSpread: {
            distribution: opts.distribution as DistributionKind,
            optimisticPercent: Number(opts.optimistic),
            pessimisticPercent: Number(opts.pessimistic),
          },
          targetDate: target,
        });
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        const f = r.finish;
        const out = [
          `${r.iterations} iterations, seed ${r.seed}, ${r.uncertainTasks} uncertain tasks, ${Math.round(r.timings.simulateMs)} ms`,
          `plan finish ${f.deterministic.iso}, reached in ${(f.deterministic.probability * 100).toFixed(1)} % of iterations`,
          ...(f.target ? [`target ${f.target.iso}: ${(f.target.probability * 100).toFixed(1)} %`] : []),
          '',
          ...f.percentiles.map(
            (p) => `P${String(p.p).padEnd(3)} ${p.iso}  (${p.workingMinutes} working minutes)`,
          ),
          '',
          'most critical tasks (share of iterations on the driving path), sensitivity:',
          ...r.tasks
            .filter((t) => t.criticality > 0)
            .sort(
              (a, b) => b.criticality - a.criticality || Math.abs(b.sensitivity) - Math.abs(a.sensitivity),
            )
            .slice(0, 15)
            .map(
              (t) =>
                `  ${(t.criticality * 100).toFixed(1).padStart(5)} %  ${t.sensitivity.toFixed(2).padStart(5)}  ${String(t.taskId).padStart(6)} ${t.name}`,
            ),
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      },
    );
}
