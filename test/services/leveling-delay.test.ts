import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { recomputeSchedule } from '../../src/services/plan-schedule.ts';
import { createLink, createTask, getTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';
import { setLevelingDelay } from '../support/leveling-fixtures.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

async function chain() {
  // Project starts Monday 2027-01-04 08:00 on the standard calendar (Mon–Fri, 8 h a day).
  const project = await makeProject(db, orgId);
  const design = await createTask(db, system, project.id, { name: 'Design', durationMinutes: 480 });
  const build = await createTask(db, system, project.id, { name: 'Build', durationMinutes: 960 });
  const test = await createTask(db, system, project.id, { name: 'Test', durationMinutes: 480 });
  await createLink(db, system, { predecessorId: design.id, successorId: build.id });
  await createLink(db, system, { predecessorId: build.id, successorId: test.id });
  return { project, design, build, test };
}

describe('the leveling delay in the stored schedule', () => {
  it('starts a delayed task that many elapsed minutes after its links allow and moves its successors', async () => {
    const { project, design, build, test } = await chain();
    await setLevelingDelay(db, orgId, build.id, 24 * 60);
    await recomputeSchedule(db, orgId, project.id);
    expect((await getTask(db, system, design.id)).earlyStart).toBe('2027-01-04T08:00:00');
    const delayed = await getTask(db, system, build.id);
    // Links allow Tuesday 08:00; one elapsed day later is Wednesday 08:00.
    expect(delayed.earlyStart).toBe('2027-01-06T08:00:00');
    expect(delayed.earlyFinish).toBe('2027-01-07T17:00:00');
    expect((await getTask(db, system, test.id)).earlyStart).toBe('2027-01-08T08:00:00');
  });

  it('counts the delay in elapsed time, so a delay ending on a weekend starts on Monday', async () => {
    const { project, build, test } = await chain();
    // Tuesday 08:00 + 4 elapsed days = Saturday 08:00 → the next working time, Monday 08:00.
    await setLevelingDelay(db, orgId, build.id, 4 * 24 * 60);
    await recomputeSchedule(db, orgId, project.id);
    expect((await getTask(db, system, build.id)).earlyStart).toBe('2027-01-11T08:00:00');
    expect((await getTask(db, system, test.id)).earlyStart).toBe('2027-01-13T08:00:00');
  });

  it('does not count the delay as free slack of the predecessor', async () => {
    const { project, design, build } = await chain();
    await setLevelingDelay(db, orgId, build.id, 24 * 60);
    await recomputeSchedule(db, orgId, project.id);
    expect((await getTask(db, system, design.id)).freeSlackMinutes).toBe(0);
    expect((await getTask(db, system, build.id)).critical).toBe(true);
  });

  it('goes back to the link-driven dates when the delay is cleared', async () => {
    const { project, build } = await chain();
    await setLevelingDelay(db, orgId, build.id, 3 * 24 * 60);
    await recomputeSchedule(db, orgId, project.id);
    await setLevelingDelay(db, orgId, build.id, 0);
    await recomputeSchedule(db, orgId, project.id);
    expect((await getTask(db, system, build.id)).earlyStart).toBe('2027-01-05T08:00:00');
  });
});
