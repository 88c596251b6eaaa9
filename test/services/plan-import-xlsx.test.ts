import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { readTaskSheet } from '../../src/interop/task-sheet.ts';
import { exportProjectPlan } from '../../src/services/plan-export.ts';
import { importPlanFile } from '../../src/services/plan-import-file.ts';
import { createLink, createTask, listTasks } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

async function sheetOf(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tasks');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const tasksOf = async (projectId: string) => (await listTasks(db, system, projectId, 1, 500)).items;

describe('importing an Excel task sheet', () => {
  it('reads back the XLSX task table Orrery exports: names, WBS, durations, links and dates', async () => {
    const source = await makeProject(db, orgId, { code: 'XLS1' });
    const dig = await createTask(db, system, source.id, { name: 'Dig', durationMinutes: 960 });
    const pour = await createTask(db, system, source.id, { name: 'Pour', durationMinutes: 480 });
    const cure = await createTask(db, system, source.id, { name: 'Cure', durationMinutes: 1440 });
    await createLink(db, system, {
      predecessorId: dig.id,
      successorId: pour.id,
      type: 'FS',
      lagMinutes: 240,
    });
    await createLink(db, system, { predecessorId: pour.id, successorId: cure.id, type: 'SS', lagMinutes: 0 });
    const file = await exportProjectPlan(db, system, source.id, 'xlsx');
    const target = await makeProject(db, orgId, { code: 'XLS2' });
    const summary = await importPlanFile(db, system, target.id, file.body as Buffer, 'XLS1.xlsx');
    expect(summary).toMatchObject({ tasks: 3, links: 2, calendars: 1 });
    const pick = (rows: Awaited<ReturnType<typeof tasksOf>>) =>
      rows.map((r) => [r.name, r.durationMinutes, r.earlyStart, r.earlyFinish]);
    expect(pick(await tasksOf(target.id))).toEqual(pick(await tasksOf(source.id)));
  });

  it('builds the WBS tree from dotted codes and reads durations in days or hours', () => {
    const tasks = readTaskSheet('Tasks', [
      ['WBS', 'Name', 'Duration', 'Predecessors'],
      ['1', 'Phase', null, null],
      ['1.1', 'Design', '3d', null],
      ['1.2', 'Review', '4h', '2FS+1d'],
      ['2', 'Launch', 0, '3'],
    ]);
    expect(tasks.map((t) => [t.rowId, t.parentRowId, t.durationMinutes, t.milestone])).toEqual([
      [1, null, 0, true],
      [2, 1, 1440, false],
      [3, 1, 240, false],
      [4, null, 0, true],
    ]);
    expect(tasks[2].predecessors).toEqual([
      { rowId: 2, type: 'FS', lagMinutes: 480, lagPercent: null, lagElapsed: false },
    ]);
  });

  it('names the row and column of a bad cell and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    await createTask(db, system, project.id, { name: 'Keep me', durationMinutes: 480 });
    const before = await tasksOf(project.id);
    const badDuration = await sheetOf([
      ['ID', 'Name', 'Duration (days)', 'Predecessors'],
      [1, 'Dig', 2, null],
      [2, 'Pour', 'soon', '1'],
    ]);
    await expect(importPlanFile(db, system, project.id, badDuration, 'bad.xlsx')).rejects.toThrow(
      'file: bad.xlsx: Tasks row 3, column C (Duration (days)): is not a duration (days, or 8h, 2w): soon',
    );
    const badLink = await sheetOf([
      ['ID', 'Name', 'Duration (days)', 'Predecessors'],
      [1, 'Dig', 2, '7'],
    ]);
    await expect(importPlanFile(db, system, project.id, badLink, 'link.xlsx')).rejects.toThrow(
      'Tasks row 2, column D (Predecessors): names ID 7, which no row has',
    );
    const noName = await sheetOf([['ID', 'Duration']]);
    await expect(importPlanFile(db, system, project.id, noName, 'x.xlsx')).rejects.toThrow(
      /has no Name column/,
    );
    await expect(importPlanFile(db, system, project.id, Buffer.from('nope'), 'x.xlsx')).rejects.toThrow(
      /not an Excel \.xlsx file/,
    );
    expect((await tasksOf(project.id)).map((t) => t.id)).toEqual(before.map((t) => t.id));
  });
});
