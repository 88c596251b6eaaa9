/**
 * Scheduling benchmark: generated networks of 1k, 10k, 100k and 1M leaf tasks (plus their WBS
 * summaries, about 1.5 links per task), full schedule time and memory, and the time to
 * reschedule after changing one task's duration in the 100k network.
 *
 *   node --expose-gc --max-old-space-size=4096 --import tsx bench/schedule/schedule-bench.ts [--sizes 1000,10000]
 *
 * Each size runs in its own child process so memory figures do not mix, and each run drops the
 * previous run's scheduler and result before it starts, so runs do not add up either. Writes
 * bench/results/schedule.json and bench/results/schedule.md.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Scheduler } from '../../src/engine/schedule/schedule-project.ts';
import type { ScheduleInput, ScheduleResult } from '../../src/engine/schedule/types.ts';
import { generateNetwork, prng } from './generate-network.ts';
import { machineInfo } from './machine.ts';
import { PeakRss } from './peak-rss.ts';

interface SizeResult {
  leaves: number;
  tasks: number;
  links: number;
  generateMs: number;
  /** Wall and CPU time of a full schedule (build network + passes + slack + result), best of runs. */
  scheduleMs: number;
  scheduleCpuMs: number;
  runs: number;
  heapDeltaMb: number;
  /** Peak RSS while one schedule ran (input and runtime included), highest of the runs. */
  schedulePeakRssMb: number;
  /** Peak RSS of the whole process: generating the input and every run. */
  peakRssMb: number;
  criticalTasks: number;
  incremental?: { changes: number; medianMs: number; maxMs: number; medianNodes: number };
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
/** Two collections: V8 frees dead ArrayBuffers' memory while sweeping after the first. */
const collect = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
};

/** What one run leaves alive; emptied before the next run so the runs' memory does not add up. */
interface Held {
  scheduler: Scheduler | null;
  result: ScheduleResult | null;
}

/**
 * One timed schedule. A function of its own, so no stack slot of the caller keeps a previous
 * run's scheduler or result alive.
 */
function scheduleOnce(input: ScheduleInput, held: Held, peak: PeakRss, heapBefore: number) {
  held.scheduler = null;
  held.result = null;
  collect();
  peak.startPhase();
  const c = process.cpuUsage();
  const t = performance.now();
  held.scheduler = new Scheduler(input);
  held.result = held.scheduler.result();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  const m = process.memoryUsage();
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peak.phaseMb(),
    heapDelta: m.heapUsed + m.arrayBuffers - heapBefore,
    criticalTasks: held.result.criticalPath.length,
  };
}

function measure(leaves: number): SizeResult {
  const peak = new PeakRss();
  let t = performance.now();
  const input = generateNetwork(leaves, 20_240_108);
  const generateMs = performance.now() - t;
  collect();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const runs = leaves >= 1_000_000 ? 2 : leaves >= 100_000 ? 3 : 5;
  let best = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let schedulePeak = 0;
  const held: Held = { scheduler: null, result: null };
  let criticalTasks = 0;
  let heapDelta = 0;
  for (let r = 0; r < runs; r++) {
    const run = scheduleOnce(input, held, peak, heapBefore);
    best = Math.min(best, run.ms);
    bestCpu = Math.min(bestCpu, run.cpuMs);
    schedulePeak = Math.max(schedulePeak, run.peakRssMb);
    criticalTasks = run.criticalTasks;
    heapDelta = Math.max(heapDelta, run.heapDelta);
  }
  const scheduler = held.scheduler;
  const out: SizeResult = {
    leaves,
    tasks: input.tasks.length,
    links: input.links.length,
    generateMs: Math.round(generateMs),
    scheduleMs: Math.round(best),
    scheduleCpuMs: Math.round(bestCpu),
    runs,
    heapDeltaMb: mb(heapDelta),
    schedulePeakRssMb: schedulePeak,
    peakRssMb: peak.processMb(),
    criticalTasks,
  };
  if (leaves === 100_000 && scheduler) {
    const rnd = prng(7);
    const times: number[] = [];
    const nodes: number[] = [];
    const leafIds = input.tasks.filter((x) => x.name?.startsWith('T')).map((x) => x.id);
    for (let k = 0; k < 25; k++) {
      const id = leafIds[Math.floor(rnd() * leafIds.length)];
      t = performance.now();
      nodes.push(scheduler.updateTask(id, { duration: Math.round(rnd() * 10) * 480 }));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    nodes.sort((a, b) => a - b);
    out.incremental = {
      changes: times.length,
      medianMs: Math.round(times[times.length >> 1] * 100) / 100,
      maxMs: Math.round(times[times.length - 1] * 100) / 100,
      medianNodes: nodes[nodes.length >> 1],
    };
  }
  return out;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(measure(Number(args[1]))));
} else {
  const sizesArg = args.indexOf('--sizes');
  const sizes =
    sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [1000, 10_000, 100_000, 1_000_000];
  const self = fileURLToPath(import.meta.url);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    const json = execFileSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', self, '--child', String(n)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    results.push(JSON.parse(json) as SizeResult);
    process.stderr.write(`done ${n}\n`);
  }
  const header = [
    'leaves',
    'tasks',
    'links',
    'generate ms',
    'schedule ms',
    'cpu ms',
    'heap Δ MB',
    'schedule peak RSS MB',
    'process peak RSS MB',
    'critical',
  ];
  const rows = results.map((r) =>
    [
      r.leaves,
      r.tasks,
      r.links,
      r.generateMs,
      r.scheduleMs,
      r.scheduleCpuMs,
      r.heapDeltaMb,
      r.schedulePeakRssMb,
      r.peakRssMb,
      r.criticalTasks,
    ].map(String),
  );
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((v, c) => v.padStart(widths[c])).join('  ');
  const table = [line(header), ...rows.map(line)].join('\n');
  const inc = results.find((r) => r.incremental)?.incremental;
  const incLine = inc
    ? `one-task change at 100k: median ${inc.medianMs} ms, max ${inc.maxMs} ms over ${inc.changes} changes (median ${inc.medianNodes} nodes recomputed)`
    : '';
  // A plain typed-array loop, to judge how busy the shared machine was while this ran.
  const calibration = (() => {
    const a = new Float64Array(1_000_000);
    let sum = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let r = 0; r < 100; r++) for (let i = 0; i < a.length; i++) sum += a[i] += i;
    const c = process.cpuUsage(c0);
    return { ms: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000), sum };
  })();
  const machine = {
    ...machineInfo(),
    calibrationLoopMs: calibration.ms,
    calibrationLoopCpuMs: calibration.cpuMs,
  };
  console.log(table);
  if (incLine) console.log(incLine);
  console.log(
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage}, 100M-step typed-array loop ${calibration.ms} ms wall / ${calibration.cpuMs} ms CPU`,
  );
  writeFileSync(
    'bench/results/schedule.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  writeFileSync(
    'bench/results/schedule.md',
    `# Scheduling benchmark\n\n\`node --import tsx bench/schedule/schedule-bench.ts\` on ${new Date().toISOString().slice(0, 16)} UTC, ${machine.cpu}, ${machine.cores} cores, Node ${machine.node} (load average while running: ${machine.loadAverage}; a plain 100M-step typed-array loop took ${calibration.ms} ms wall, ${calibration.cpuMs} ms CPU, as a gauge of how busy the shared machine was).\n\n"schedule" is one full \`new Scheduler(input).result()\`: network build, forward and backward pass, slack, critical path; best of the runs, wall and CPU time. "heap Δ" is what the scheduler and its result hold. "schedule peak RSS" is the resident peak while one schedule ran, the generated input and the Node runtime included (the high-water mark is reset as the run starts; the highest of the runs); "process peak RSS" is the whole child process's peak: generating the input and every run, each run dropping the previous one's scheduler and result first.\n\n\`\`\`\n${table}\n${incLine}\n\`\`\`\n`,
  );
}
