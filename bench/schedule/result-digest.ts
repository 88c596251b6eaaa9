/**
 * A SHA-256 digest of every array and list in the result of scheduling a generated network, to
 * check that an engine change leaves a large schedule's results exactly as they were.
 *
 *   node --import tsx bench/schedule/result-digest.ts [--leaves 1000000]
 */
import { createHash } from 'node:crypto';
import { Scheduler } from '../../src/engine/schedule/schedule-project.ts';
import { generateNetwork, prng } from './generate-network.ts';

const args = process.argv.slice(2);
const leavesArg = args.indexOf('--leaves');
const leaves = leavesArg >= 0 ? Number(args[leavesArg + 1]) : 1_000_000;
const input = generateNetwork(leaves, 20_240_108);
const scheduler = new Scheduler(input);
const digest = (label: string) => {
  const r = scheduler.result();
  const hash = createHash('sha256');
  // every per-task array of the result, in the order the result lists them
  for (const a of Object.values(r).filter((v) => ArrayBuffer.isView(v)))
    hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  hash.update(
    JSON.stringify([r.taskIds, r.criticalPath, r.projects, r.projectStart, r.projectFinish, r.conflicts]),
  );
  console.log(`${label}: ${hash.digest('hex')}`);
};
digest(`${leaves} leaves`);
// a few one-task changes, so the incremental path is covered too
const rnd = prng(7);
for (let k = 0; k < 5; k++) {
  const i = Math.floor(rnd() * input.tasks.length);
  scheduler.updateTask(input.tasks[i].id, { duration: Math.round(rnd() * 10) * 480 });
}
digest('after 5 changes');
