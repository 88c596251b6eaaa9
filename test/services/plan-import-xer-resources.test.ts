import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { listExportTasks } from '../../src/db/repositories/plan-export.ts';
import { listPlanAssignments, listPlanResources } from '../../src/db/repositories/plan-resources.ts';
import { decodeXer } from '../../src/interop/xer/index.ts';
import { ValidationError } from '../../src/services/errors.ts';
import { exportProjectPlan } from '../../src/services/plan-export.ts';
import { importXerPlan } from '../../src/services/plan-import-xer.ts';
import type { Actor } from '../../src/services/policy.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

const data = new URL('../../../shared/data/xer/', import.meta.url);
const sample = readFileSync(new URL('XERNative/sample.xer', data));

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const count = (table: string) => countOrgRows(db, table, orgId);

/** The project's assignments by activity code and resource code, to compare two projects. */
async function assignmentsOf(projectId: string) {
  const code = new Map((await listExportTasks(db, orgId, projectId)).map((t) => [t.id, t.wbsCode]));
  const resources = new Map(
    (await listPlanResources(db, orgId, projectId, '2021-01-01')).map((r) => [r.id, r]),
  );
  return (await listPlanAssignments(db, orgId, projectId))
    .map((a) => ({
      task: code.get(a.taskId),
      resource: resources.get(a.resourceId)?.code,
      units: a.units,
      workMinutes: a.workMinutes,
      actualWorkMinutes: a.actualWorkMinutes,
      cost: a.cost,
    }))
    .sort((a, b) => `${a.task} ${a.resource}`.localeCompare(`${b.task} ${b.resource}`));
}

describe('XER resources and assignments', () => {
  it('imports RSRC and TASKRSRC, matches the pool on the next import, and keeps them through XER export', async () => {
    const first = await makeProject(db, orgId, { code: 'XR1' });
    const report = await importXerPlan(db, system, first.id, sample, 'sample.xer');
    expect(report.createdResources).toContain('Van Haren');
    expect(report.assignments).toBeGreaterThan(0);
    const a = await assignmentsOf(first.id);
    expect(a.find((x) => x.task === 'A1020')).toMatchObject({
      resource: 'Van Haren',
      units: 1,
      workMinutes: 48 * 60,
    });

    const exported = await exportProjectPlan(db, system, first.id, 'xer');
    const text = decodeXer(exported.body as Buffer);
    expect(text).toMatch(/%T\tRSRC\r\n%F\trsrc_id/);
    expect(text).toMatch(/%T\tTASKRSRC\r\n/);
    const second = await makeProject(db, orgId, { code: 'XR2' });
    const again = await importXerPlan(db, system, second.id, exported.body as Buffer, 'XR1.xer');
    expect(again.createdResources).toEqual([]);
    expect(again.matchedResources).toEqual(report.createdResources);
    expect(await assignmentsOf(second.id)).toEqual(a);
  });

  it('refuses a TASKRSRC row naming a resource RSRC lacks, naming the line, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    const before = { tasks: await count('tasks'), resources: await count('resources') };
    const text = decodeXer(sample);
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('%F\ttaskrsrc_id'))!.split('\t');
    const row = lines.findIndex((_line, k) => k > 0 && lines[k - 1].startsWith('%F\ttaskrsrc_id'));
    const cells = lines[row].split('\t');
    cells[header.indexOf('rsrc_id')] = '999999';
    lines[row] = cells.join('\t');
    const error = await importXerPlan(db, system, project.id, lines.join('\n'), 'bad.xer').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(`bad.xer:${row + 1}: TASKRSRC rsrc_id`);
    expect(error.message).toContain('999999');
    expect({ tasks: await count('tasks'), resources: await count('resources') }).toEqual(before);
  });
});
