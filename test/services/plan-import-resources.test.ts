import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  listPlanAssignments,
  listPlanBaselineTasks,
  listPlanResources,
} from '../../src/db/repositories/plan-resources.ts';
import { saveProjectBaseline } from '../../src/services/baselines.ts';
import { ValidationError } from '../../src/services/errors.ts';
import { exportProjectPlan } from '../../src/services/plan-export.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import type { Actor } from '../../src/services/policy.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

const data = new URL('../../../shared/data/mspdi/', import.meta.url);
const resourceFile = readFileSync(new URL('mpxj/mspdiresource.xml', data), 'utf8');
const baselineFile = readFileSync(
  new URL('mpxj/generated/task-baselines/task-baselines-project2016-mspdi.xml', data),
  'utf8',
);

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const count = (table: string) => countOrgRows(db, table, orgId);

describe('importing resources, assignments and baselines from MSPDI', () => {
  it('creates the resources the pool lacks with their rates, and matches them on the next import', async () => {
    const first = await makeProject(db, orgId);
    const report = await importMspdiPlan(db, system, first.id, resourceFile, 'resources.xml');
    expect(report.createdResources).toEqual(['Wade Golden', 'Jon Iles', 'Brian Leach', 'Concrete']);
    expect(report.matchedResources).toEqual([]);
    expect(report.assignments).toBeGreaterThan(0);
    const resources = await listPlanResources(db, orgId, first.id, '2000-01-01');
    const wade = resources.find((r) => r.name === 'Wade Golden')!;
    expect(wade).toMatchObject({ kind: 'person', maxUnits: 1, standardRate: 50, overtimeRate: 100 });
    const assignments = await listPlanAssignments(db, orgId, first.id);
    const wades = assignments.filter((a) => a.resourceId === wade.id);
    // 80 hours at 50 an hour, as the file's resource total says (4,000.00).
    expect(wades.reduce((sum, a) => sum + a.workMinutes, 0)).toBe(80 * 60);
    expect(wades.reduce((sum, a) => sum + a.cost, 0)).toBe(4000);

    const second = await makeProject(db, orgId);
    const again = await importMspdiPlan(db, system, second.id, resourceFile, 'resources.xml');
    expect(again.createdResources).toEqual([]);
    expect(again.matchedResources).toEqual(['Wade Golden', 'Jon Iles', 'Brian Leach', 'Concrete']);
  });

  it('keeps baselines 0–10 with work and cost, and a saved baseline sums the assignments', async () => {
    const project = await makeProject(db, orgId);
    const report = await importMspdiPlan(db, system, project.id, baselineFile, 'baselines.xml');
    expect(report.baselines).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rows = await listPlanBaselineTasks(db, orgId, project.id);
    expect(rows.filter((b) => b.cost !== null).map((b) => [b.number, b.cost])).toContainEqual([0, 1]);

    const staffed = await makeProject(db, orgId);
    await importMspdiPlan(db, system, staffed.id, resourceFile, 'resources.xml');
    await saveProjectBaseline(db, system, staffed.id, 3, { name: 'Approved' });
    const saved = (await listPlanBaselineTasks(db, orgId, staffed.id)).filter((b) => b.number === 3);
    const assignments = await listPlanAssignments(db, orgId, staffed.id);
    expect(saved.reduce((sum, b) => sum + (b.workMinutes ?? 0), 0)).toBe(
      assignments.reduce((sum, a) => sum + a.workMinutes, 0),
    );
    expect(saved.reduce((sum, b) => sum + (b.cost ?? 0), 0)).toBe(
      assignments.reduce((sum, a) => sum + a.cost, 0),
    );
  });

  it('writes resources and assignments into the MSPDI export', async () => {
    const project = await makeProject(db, orgId);
    await importMspdiPlan(db, system, project.id, resourceFile, 'resources.xml');
    const xml = String((await exportProjectPlan(db, system, project.id, 'mspdi')).body);
    expect(xml).toMatch(/<Resource>\s*<UID>1<\/UID>\s*<ID>1<\/ID>\s*<Name>[^<]+<\/Name>/);
    expect(xml).toContain('<StandardRate>50</StandardRate>');
    expect(xml).toMatch(
      /<Assignment>\s*<UID>1<\/UID>\s*<TaskUID>\d+<\/TaskUID>\s*<ResourceUID>\d+<\/ResourceUID>/,
    );
    expect(xml.indexOf('</Tasks>')).toBeLessThan(xml.indexOf('<Resources>'));
    expect(xml.indexOf('</Resources>')).toBeLessThan(xml.indexOf('<Assignments>'));
  });

  it('refuses an assignment to a task or resource the file lacks, naming it, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    const before = {
      tasks: await count('tasks'),
      resources: await count('resources'),
      assignments: await count('assignments'),
    };
    const missingTask = resourceFile.replace(/<TaskUID>\d+<\/TaskUID>/, '<TaskUID>9999</TaskUID>');
    const error = await importMspdiPlan(db, system, project.id, missingTask, 'bad.xml').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/<Assignment UID \d+\/TaskUID> names no task of the file: 9999/);
    const missingResource = resourceFile.replace(
      /<ResourceUID>\d+<\/ResourceUID>/,
      '<ResourceUID>77</ResourceUID>',
    );
    await expect(importMspdiPlan(db, system, project.id, missingResource, 'bad.xml')).rejects.toThrow(
      /ResourceUID> names no resource of the file: 77/,
    );
    expect({
      tasks: await count('tasks'),
      resources: await count('resources'),
      assignments: await count('assignments'),
    }).toEqual(before);
  });
});
