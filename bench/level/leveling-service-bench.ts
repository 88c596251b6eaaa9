/**
 * Leveling through the app (issue 5, point 6 and Performance): a 10,000-task program (100 projects
 * × 100 tasks, 30 shared resources, cross-project links) stored in PGlite, previewed through the
 * leveling service with 1,000 schedules — reading the plans, rescheduling before and after,
 * leveling, explaining each move and storing the run — then applied. The yardstick is ten seconds.
 *
 *   node --import tsx bench/level/leveling-service-bench.ts [--projects 100] [--tasks 100] [--schedules 1000]
 *
 * Writes `bench/results/leveling-service.json` and `.md`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { insertLinks } from '../../src/db/repositories/plans.ts';
import {
  insertAssignmentRows,
  insertResourceRows,
  type NewAssignmentRow,
} from '../../src/db/repositories/resource-bulk.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { createRandom } from '../../src/engine/level/random.ts';
import { ensureOrganization, systemActor } from '../../src/services/access.ts';
import { applyLevelingRun, previewLeveling } from '../../src/services/leveling.ts';
import { recomputeSchedule, standardCalendarDefinition } from '../../src/services/plan-schedule.ts';
import { schedulePlan, type WholePlan, writeScheduledPlan } from '../../src/services/plan-write.ts';
import { createProject } from '../../src/services/projects.ts';
import { createBusinessUnit, createPortfolio, createProgram } from '../../src/services/structure.ts';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const projects = Number(arg('projects', '100'));
const perProject = Number(arg('tasks', '100'));
const schedules = Number(arg('schedules', '1000'));
const RESOURCES = 30;
const DAY = 480;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function generate() {
  const db = await openDatabase({ memory: true });
  await migrate(db);
  const orgId = await ensureOrganization(db, 'Leveling bench');
  const system = systemActor(orgId, 'bench');
  const rng = createRandom(2026);
  const unit = await createBusinessUnit(db, system, { name: 'Works', code: 'W', pmoMode: 'centralized' });
  const portfolio = await createPortfolio(db, system, { name: 'Works', businessUnitId: unit.id });
  const program = await createProgram(db, system, { name: 'Big program', portfolioId: portfolio.id });
  const capacities = Array.from({ length: RESOURCES }, () => 4 + rng.int(6));
  const resourceIds = capacities.map(() => uuidv7());
  await insertResourceRows(
    db,
    orgId,
    capacities.map((maxUnits, r) => ({
      id: resourceIds[r],
      code: `R${r}`,
      name: `R${r}`,
      kind: 'person',
      roleId: null,
      businessUnitId: null,
      maxUnits,
    })),
  );
  const taskIds: string[][] = [];
  const crossLinks: Array<{ id: string; predecessorId: string; successorId: string }> = [];
  for (let p = 0; p < projects; p++) {
    // Projects start over the first twelve weeks, as in bench/level/program-bench.ts.
    const start = new Date(Date.UTC(2027, 0, 4 + 7 * rng.int(12))).toISOString().slice(0, 10);
    const project = await createProject(db, system, {
      code: `B-${p}`,
      name: `Project ${p}`,
      businessUnitId: unit.id,
      portfolioId: portfolio.id,
      programId: program.id,
      priority: 1 + rng.int(100),
      targetStart: start,
      targetFinish: '2029-12-31',
    });
    const calendarId = uuidv7();
    const ids = Array.from({ length: perProject }, () => uuidv7());
    const links: WholePlan['links'] = [];
    for (let k = 1; k < perProject; k++) {
      const preds = new Set<number>();
      const count = 1 + rng.int(3);
      for (let q = 0; q < count; q++) preds.add(Math.max(0, k - 1 - rng.int(10)));
      for (const from of preds)
        links.push({
          id: uuidv7(),
          predecessorId: ids[from],
          successorId: ids[k],
          type: 'FS',
          lagMinutes: 0,
          lagPercent: null,
          lagElapsed: false,
        });
    }
    const plan: WholePlan = {
      settings: {
        projectId: project.id,
        calendarId,
        startDate: `${start}T08:00:00`,
        scheduleFromFinish: false,
        finishDate: null,
        statusDate: null,
        criticalSlackMinutes: 0,
        minutesPerDay: DAY,
      },
      calendars: [
        { id: calendarId, name: 'Standard', baseCalendarId: null, definition: standardCalendarDefinition() },
      ],
      tasks: ids.map((id, k) => ({
        id,
        parentId: null,
        position: k + 1,
        wbsCode: String(k + 1),
        name: `Task ${p}.${k}`,
        durationMinutes: (1 + rng.int(10)) * DAY,
        durationElapsed: false,
        milestone: false,
        constraintType: 'ASAP',
        constraintDate: null,
        deadline: null,
        actualStart: null,
        actualFinish: null,
        percentComplete: 0,
        calendarId: null,
      })),
      links,
    };
    await db.transaction((tx) => writeScheduledPlan(tx, orgId, plan, schedulePlan(plan)));
    const assignments: NewAssignmentRow[] = [];
    plan.tasks.forEach((task) => {
      const uses = 1 + rng.int(2);
      const used = new Set<number>();
      for (let u = 0; u < uses; u++) used.add(rng.int(RESOURCES));
      for (const r of used) {
        const units = 1 + rng.int(Math.min(3, capacities[r]));
        assignments.push({
          id: uuidv7(),
          taskId: task.id,
          projectId: project.id,
          resourceId: resourceIds[r],
          units,
          workMinutes: Math.round(task.durationMinutes * units),
          cost: 0,
        });
      }
    });
    await insertAssignmentRows(db, orgId, assignments);
    if (p > 0 && rng.next() < 0.3) {
      // An earlier project's deliverable feeds this one.
      const from = taskIds[rng.int(p)];
      crossLinks.push({
        id: uuidv7(),
        predecessorId: from[perProject - 1 - rng.int(10)],
        successorId: ids[rng.int(perProject)],
      });
    }
    taskIds.push(ids);
  }
  await db.transaction(async (tx) => {
    await insertLinks(
      tx,
      orgId,
      crossLinks.map((l) => ({ ...l, type: 'FS', lagMinutes: 0, lagPercent: null, lagElapsed: false })),
    );
    const firstTasks = await tx.query<{ projectId: string }>(
      'SELECT DISTINCT project_id AS "projectId" FROM tasks WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [orgId, crossLinks.map((l) => l.successorId)],
    );
    const done = new Set<string>();
    for (const { projectId } of firstTasks) {
      if (done.has(projectId)) continue;
      for (const id of await recomputeSchedule(tx, orgId, projectId)) done.add(id);
    }
  });
  return { db, orgId, system, programId: program.id, crossLinks: crossLinks.length };
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
};
const setupStart = performance.now();
const { db, system, programId, crossLinks } = await generate();
const setupSeconds = (performance.now() - setupStart) / 1000;
const loadBefore = os.loadavg();

const previewCpu = process.cpuUsage();
const previewStart = performance.now();
const run = await previewLeveling(db, system, {
  scopeType: 'program',
  scopeId: programId,
  schedules,
  seed: 1,
});
const previewSeconds = (performance.now() - previewStart) / 1000;
const previewCpuSeconds = cpuSeconds(previewCpu);
const engineSeconds = run.result.engineMilliseconds / 1000;
const engineCpuSeconds = run.result.engineCpuMilliseconds / 1000;

const applyCpu = process.cpuUsage();
const applyStart = performance.now();
await applyLevelingRun(db, system, run.id);
const applySeconds = (performance.now() - applyStart) / 1000;
const applyCpuSeconds = cpuSeconds(applyCpu);
const loadAverage = os.loadavg().map((x) => Math.round(x * 10) / 10);
await db.close();

const r = run.result;
const finishes = r.projects.map((p) => [p.finishBefore, p.finishAfter]);
const latest = (k: 0 | 1) =>
  finishes
    .map((f) => f[k])
    .sort()
    .at(-1) ?? '';
const rows = [
  ['tasks', 'resources', 'schedules', 'moved', 'over before', 'over after', 'program finish before', 'after'],
  [
    String(r.tasksConsidered),
    String(r.resources),
    String(r.schedules),
    String(r.movedTasks.length),
    String(r.overallocationsBefore),
    String(r.overallocationsAfter),
    latest(0),
    latest(1),
  ],
];
const timing = [
  ['step', 'wall s', 'CPU s'],
  ['preview end to end', previewSeconds.toFixed(2), previewCpuSeconds.toFixed(2)],
  ['  of which engine', engineSeconds.toFixed(2), engineCpuSeconds.toFixed(2)],
  [
    '  of which the rest',
    (previewSeconds - engineSeconds).toFixed(2),
    (previewCpuSeconds - engineCpuSeconds).toFixed(2),
  ],
  ['apply (write delays, reschedule)', applySeconds.toFixed(2), applyCpuSeconds.toFixed(2)],
];
const table = (data: string[][]) => {
  const width = data[0].map((_, c) => Math.max(...data.map((row) => row[c].length)));
  return data.map((row) => row.map((v, c) => v.padStart(width[c])).join('  ')).join('\n');
};
const text = `${table(rows)}\n\n${table(timing)}\n`;
process.stdout.write(text);
const date = new Date().toISOString();
const results = {
  machine: { ...machine, loadAverageBefore: loadBefore.map((x) => Math.round(x * 10) / 10), loadAverage },
  date,
  projects,
  perProject,
  resources: RESOURCES,
  crossLinks,
  schedules: r.schedules,
  setupSeconds,
  previewSeconds,
  previewCpuSeconds,
  engineSeconds,
  engineCpuSeconds,
  applySeconds,
  applyCpuSeconds,
  tasksConsidered: r.tasksConsidered,
  movedTasks: r.movedTasks.length,
  overallocationsBefore: r.overallocationsBefore,
  overallocationsAfter: r.overallocationsAfter,
  programFinishBefore: latest(0),
  programFinishAfter: latest(1),
};
const out = (name: string) => fileURLToPath(new URL(`../results/${name}`, import.meta.url));
writeFileSync(out('leveling-service.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  out('leveling-service.md'),
  `# Leveling through the service

\`node --import tsx bench/level/leveling-service-bench.ts --projects ${projects} --tasks ${perProject} --schedules ${schedules}\`
on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${date}; load average ${loadBefore
    .map((x) => x.toFixed(1))
    .join(' ')} before the preview, ${loadAverage.join(' ')} after the apply (the machine is shared).

A ${projects * perProject}-task program (${projects} projects × ${perProject} tasks, ${RESOURCES} shared resources, ${crossLinks}
cross-project links) in PGlite, previewed through \`previewLeveling\` (read plans and assignments,
schedule, build the day-by-day problem, level with ${schedules} schedules, reschedule with the new
leveling delays, explain each move, store the run), then applied. Target: under ten seconds.

\`\`\`
${text}\`\`\`
`,
);
