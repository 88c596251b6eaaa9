import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { listLinksOf } from '../../src/db/repositories/plans.ts';
import { formatLocalDateTime } from '../../src/engine/calendar/index.ts';
import { decodeXer, readXer } from '../../src/interop/xer/index.ts';
import { exportProjectPlan } from '../../src/services/plan-export.ts';
import { importXerPlan } from '../../src/services/plan-import-xer.ts';
import { getProjectSchedule, listTasks } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

const data = new URL('../../../shared/data/xer/', import.meta.url);
const bytes = (file: string) => readFileSync(new URL(file, data));

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

/** sample.xer with activity rows changed, e.g. progressed (data date 2021-11-30 00:00). */
function editedSample(changes: Record<string, Record<string, string>>): string {
  const lines = decodeXer(bytes('XERNative/sample.xer')).split('\n');
  const header = lines.find((l) => l.startsWith('%F\ttask_id'))!.split('\t');
  for (const [taskId, fields] of Object.entries(changes)) {
    const row = lines.findIndex((l) => l.startsWith(`%R\t${taskId}\t`));
    const cells = lines[row].split('\t');
    for (const [field, value] of Object.entries(fields)) cells[header.indexOf(field)] = value;
    lines[row] = cells.join('\t');
  }
  return lines.join('\n');
}

const tasksOf = async (projectId: string) => (await listTasks(db, system, projectId, 1, 1000)).items;

describe('importing Primavera P6 XER into a project', () => {
  it("stores WBS and activities and schedules them to P6's own early dates", async () => {
    const project = await makeProject(db, orgId);
    const summary = await importXerPlan(db, system, project.id, bytes('XERNative/wk2.xer'), 'wk2.xer');
    const plan = readXer(bytes('XERNative/wk2.xer'));
    const wbs = plan.wbs.filter((w) => !w.projectNode);
    expect(summary.tasks).toBe(plan.tasks.length + wbs.length);
    const pairs = new Set(plan.links.map((l) => `${l.predecessorId} ${l.taskId}`));
    expect(summary.links).toBe(pairs.size);
    expect(summary.warnings.filter((w) => /a second link/.test(w))).toHaveLength(
      plan.links.length - pairs.size,
    );
    expect(summary.warnings.join('\n')).toMatch(/resource assignments not imported/);
    const rows = await tasksOf(project.id);
    const byCode = new Map(rows.map((r) => [r.wbsCode, r]));
    let same = 0;
    for (const t of plan.tasks) {
      const row = byCode.get(t.code)!;
      expect(row.name).toBe(t.name);
      if (row.earlyStart === formatLocalDateTime(t.stored.earlyStart!)) same++;
    }
    // Orrery's stored plan measures lags on the successor's calendar; wk2 has one calendar, so all agree.
    expect(same).toBe(plan.tasks.length);
    const schedule = await getProjectSchedule(db, system, project.id);
    expect(schedule.startDate).toBe(formatLocalDateTime(plan.projects[0].dataDate!));
  });

  it('keeps every field Orrery holds through import, XER export and import again', async () => {
    const first = await makeProject(db, orgId, { code: 'XER1' });
    const progressed = editedSample({
      37896: {
        status_code: 'TK_Complete',
        act_start_date: '2021-11-22 08:00',
        act_end_date: '2021-11-26 17:00',
        phys_complete_pct: '100',
      },
      37897: {
        status_code: 'TK_Active',
        act_start_date: '2021-11-29 08:00',
        remain_drtn_hr_cnt: '40',
        phys_complete_pct: '20',
      },
    });
    await importXerPlan(db, system, first.id, progressed, 'sample.xer');
    const exported = await exportProjectPlan(db, system, first.id, 'xer');
    expect(exported.fileName).toBe('XER1.xer');
    const body = exported.body as Buffer;
    expect(body.subarray(0, 7).toString()).toBe('ERMHDR\t');
    const second = await makeProject(db, orgId, { code: 'XER2' });
    await importXerPlan(db, system, second.id, body, 'XER1.xer');
    const fields = (r: Awaited<ReturnType<typeof tasksOf>>[number]) => {
      const { id, projectId, parentId, calendarId, version, createdAt, updatedAt, ...rest } =
        r as unknown as Record<string, unknown>;
      return rest;
    };
    const a = await tasksOf(first.id);
    const b = await tasksOf(second.id);
    expect(a.find((t) => t.wbsCode === 'A1010')).toMatchObject({
      actualStart: '2021-11-22T08:00:00',
      actualFinish: '2021-11-26T17:00:00',
      percentComplete: 100,
    });
    expect(a.find((t) => t.wbsCode === 'A1020')).toMatchObject({
      durationMinutes: 48 * 60,
      percentComplete: 20,
    });
    expect(b.map(fields)).toEqual(a.map(fields));
    const nameOf = (rows: typeof a) => new Map(rows.map((r) => [r.id, r.wbsCode]));
    type LinkRow = { predecessorId: string; successorId: string; type: string; lagMinutes: number };
    const linkKey = (rows: typeof a, links: unknown[]) => {
      const code = nameOf(rows);
      return (links as LinkRow[])
        .map((l) => `${code.get(l.predecessorId)} ${l.type} ${l.lagMinutes} ${code.get(l.successorId)}`)
        .sort();
    };
    expect(linkKey(b, await listLinksOf(db, orgId, [second.id]))).toEqual(
      linkKey(a, await listLinksOf(db, orgId, [first.id])),
    );
    const parentCode = (rows: typeof a) => {
      const code = nameOf(rows);
      return rows.map((r) => `${r.wbsCode}<${r.parentId === null ? '' : code.get(r.parentId)}`);
    };
    expect(parentCode(b)).toEqual(parentCode(a));
  });

  it('picks the project with the code asked for from a multi-project file', async () => {
    const project = await makeProject(db, orgId);
    const plan = readXer(bytes('aspose-Java/MultiprojectWithExternal.xer'));
    const code = plan.projects[1].code;
    const summary = await importXerPlan(
      db,
      system,
      project.id,
      bytes('aspose-Java/MultiprojectWithExternal.xer'),
      'multi.xer',
      {
        xerProject: code,
      },
    );
    expect(summary.tasks).toBeGreaterThan(0);
    // Without a choice, the file's project with this project's code.
    const named = await makeProject(db, orgId, { code });
    const byCode = await importXerPlan(
      db,
      system,
      named.id,
      bytes('aspose-Java/MultiprojectWithExternal.xer'),
      'multi.xer',
    );
    expect(byCode.tasks).toBe(summary.tasks);
    await expect(
      importXerPlan(db, system, project.id, bytes('aspose-Java/MultiprojectWithExternal.xer'), 'multi.xer', {
        xerProject: 'NOPE',
      }),
    ).rejects.toThrow(/holds 2 projects .*none has the code NOPE/);
  });

  it('finishes a started activity where P6 does: its remaining duration from the data date', async () => {
    // One day done since Monday, 32 of 40 hours left.
    const text = editedSample({
      37896: { status_code: 'TK_Active', act_start_date: '2021-11-29 08:00', remain_drtn_hr_cnt: '32' },
    });
    const project = await makeProject(db, orgId);
    await importXerPlan(db, system, project.id, text, 'started.xer');
    const studs = (await tasksOf(project.id)).find((t) => t.wbsCode === 'A1010')!;
    expect(studs).toMatchObject({
      actualStart: '2021-11-29T08:00:00',
      durationMinutes: 40 * 60,
      earlyFinish: '2021-12-03T17:00:00',
    });
  });

  it('keeps names outside Windows-1252 through export (as UTF-8) and import', async () => {
    const first = await makeProject(db, orgId);
    await importXerPlan(db, system, first.id, bytes('aspose-dotnet/encoding1251.xer'), 'cyrillic.xer');
    const exported = (await exportProjectPlan(db, system, first.id, 'xer')).body as Buffer;
    const second = await makeProject(db, orgId);
    await importXerPlan(db, system, second.id, exported, 'again.xer');
    expect((await tasksOf(second.id)).map((t) => t.name)).toContain('Задача 1');
  });

  it('refuses a file with a missing table, naming it, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    await importXerPlan(db, system, project.id, bytes('XERNative/sample.xer'), 'good.xer');
    const before = await tasksOf(project.id);
    const broken = decodeXer(bytes('XERNative/sample.xer')).replace(/%T\tPROJWBS[\s\S]*?(?=%T\tRSRC)/, '');
    await expect(importXerPlan(db, system, project.id, broken, 'broken.xer')).rejects.toThrow(
      'file: broken.xer: PROJWBS table is missing (%T PROJWBS)',
    );
    const badLink = decodeXer(bytes('XERNative/sample.xer')).replace('PR_FS', 'PR_ZZ');
    await expect(importXerPlan(db, system, project.id, badLink, 'link.xer')).rejects.toThrow(
      /link\.xer:\d+: TASKPRED pred_type is unknown/,
    );
    expect((await tasksOf(project.id)).map((t) => t.id)).toEqual(before.map((t) => t.id));
  });
});
