/**
 * Where the memory of a large schedule goes, phase by phase, in one fresh process: the
 * generated input the caller holds, the scheduler under construction, its result, and what
 * stays alive once the scheduler or the result is dropped.
 *
 *   node --expose-gc --import tsx bench/schedule/schedule-memory.ts [--leaves 1000000]
 *
 * "peak RSS" of a phase is the kernel's high-water mark reset at the start of the phase (see
 * peak-rss.ts), so it is the phase's own peak, not the process's. Prints a table and writes
 * bench/results/schedule-memory.json and .md.
 */
import { writeFileSync } from 'node:fs';
import { Scheduler } from '../../src/engine/schedule/schedule-project.ts';
import type { ScheduleResult } from '../../src/engine/schedule/types.ts';
import { generateNetwork } from './generate-network.ts';
import { machineInfo } from './machine.ts';
import { PeakRss } from './peak-rss.ts';

interface Phase {
  phase: string;
  ms: number;
  cpuMs: number;
  /** Peak RSS while the phase ran. */
  peakRssMb: number;
  /** RSS, JS heap and ArrayBuffer memory at the end of the phase. */
  rssMb: number;
  heapMb: number;
  arrayBuffersMb: number;
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
/** Two collections: V8 frees dead ArrayBuffers' memory while sweeping after the first. */
const collect = () => {
  gc();
  gc();
};
const peak = new PeakRss();

const phases: Phase[] = [];
function phase<T>(name: string, run: () => T): T {
  peak.startPhase();
  const c = process.cpuUsage();
  const t = performance.now();
  const value = run();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  const peakRssMb = peak.phaseMb();
  const m = process.memoryUsage();
  phases.push({
    phase: name,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb,
    rssMb: mb(m.rss),
    heapMb: mb(m.heapUsed),
    arrayBuffersMb: mb(m.arrayBuffers),
  });
  return value;
}

const args = process.argv.slice(2);
const leavesArg = args.indexOf('--leaves');
const leaves = leavesArg >= 0 ? Number(args[leavesArg + 1]) : 1_000_000;

phase('baseline (modules loaded)', collect);
const input = phase('generate input', () => generateNetwork(leaves, 20_240_108));
phase('collect garbage', collect);
// Holders the phases fill and empty, so nothing stays reachable from a stack slot by accident.
const held: { scheduler: Scheduler | null; result: ScheduleResult | null } = {
  scheduler: null,
  result: null,
};
phase('new Scheduler(input)', () => {
  held.scheduler = new Scheduler(input);
});
phase('scheduler.result()', () => {
  held.result = held.scheduler!.result();
});
phase('drop scheduler, keep result, gc', () => {
  held.scheduler = null;
  collect();
});
const criticalTasks = held.result!.criticalPath.length;
phase('drop result, gc', () => {
  held.result = null;
  collect();
});
phase('scheduleProject-style run: new Scheduler(input).result(true)', () => {
  held.result = new Scheduler(input).result(true);
});
phase('keep shared result, gc', collect);
phase('drop result, gc ', () => {
  held.result = null;
  collect();
});

const processPeakRssMb = peak.processMb();
const header = ['phase', 'ms', 'cpu ms', 'peak RSS MB', 'RSS MB', 'heap MB', 'buffers MB'];
const rows = phases.map((p) =>
  [p.phase, p.ms, p.cpuMs, p.peakRssMb, p.rssMb, p.heapMb, p.arrayBuffersMb].map(String),
);
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (cells: string[]) =>
  cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
const table = [line(header), ...rows.map(line)].join('\n');
const machine = machineInfo();
const load = machine.loadAverage;
const summary = `${input.tasks.length} tasks, ${input.links.length} links, ${criticalTasks} critical; whole-process peak RSS ${processPeakRssMb} MB`;
console.log(table);
console.log(summary);
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${load}`);
writeFileSync(
  'bench/results/schedule-memory.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine, leaves, processPeakRssMb, phases }, null, 2)}\n`,
);
writeFileSync(
  'bench/results/schedule-memory.md',
  `# Scheduling memory by phase\n\n\`node --expose-gc --import tsx bench/schedule/schedule-memory.ts --leaves ${leaves}\` on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${new Date().toISOString()}, load average ${load} (shared machine: other engineers' work was running).\n\n"peak RSS" is each phase's own high-water mark (VmHWM reset as the phase starts); RSS, heap and buffers are read at its end.\n\n\`\`\`\n${table}\n${summary}\n\`\`\`\n`,
);
