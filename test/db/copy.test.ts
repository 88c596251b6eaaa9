import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { csvOf } from '../../src/db/copy.ts';
import { insertLinks, insertTasks, type NewTaskRow } from '../../src/db/repositories/plans.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject, newTaskRow } from '../support/factories.ts';

let db: Database;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const task = (name: string, wbsCode: string, parentId: string | null = null): NewTaskRow =>
  newTaskRow({ id: uuidv7(), name, wbsCode, parentId, percentComplete: 12.5 });

describe('bulk inserts', () => {
  it('writes CSV with strings always quoted, so an empty string stays a string and NULL stays NULL', () => {
    expect(csvOf([['a "quoted", name', '', null, 3, true]])).toBe('"a ""quoted"", name","",,3,true\n');
    expect(csvOf([])).toBe('');
  });

  it('keeps quotes, commas, line breaks and empty codes of task names through the bulk insert', async () => {
    const project = await makeProject(db, orgId);
    const parent = task('Phase "one", part 1\nsecond line', '');
    const child = task('Child, with comma', '1.1', parent.id);
    await db.transaction(async (tx) => {
      await insertTasks(tx, orgId, project.id, [parent, child]);
      await insertLinks(tx, orgId, [
        {
          id: uuidv7(),
          predecessorId: parent.id,
          successorId: child.id,
          type: 'SS',
          lagMinutes: -60,
          lagPercent: null,
          lagElapsed: true,
        },
      ]);
    });
    const rows = await db.query<{ name: string; wbs: string | null; pc: string; parent: string | null }>(
      `SELECT name, wbs_code AS wbs, percent_complete::text AS pc, parent_id AS parent FROM tasks
       WHERE org_id = $1 AND project_id = $2 ORDER BY id`,
      [orgId, project.id],
    );
    expect(rows).toEqual([
      { name: parent.name, wbs: '', pc: '12.50', parent: null },
      { name: child.name, wbs: '1.1', pc: '12.50', parent: parent.id },
    ]);
    const [link] = await db.query<{ type: string; lag: number; elapsed: boolean; percent: null }>(
      `SELECT type, lag_minutes AS lag, lag_elapsed AS elapsed, lag_percent AS percent FROM task_links
       WHERE org_id = $1 AND predecessor_id = $2`,
      [orgId, parent.id],
    );
    expect(link).toEqual({ type: 'SS', lag: -60, elapsed: true, percent: null });
  });

  it('still refuses a link to a task that does not exist when the rows are not proven', async () => {
    const project = await makeProject(db, orgId);
    const only = task('Only', '1');
    await expect(
      db.transaction(async (tx) => {
        await insertTasks(tx, orgId, project.id, [only]);
        await insertLinks(tx, orgId, [
          {
            id: uuidv7(),
            predecessorId: only.id,
            successorId: uuidv7(),
            type: 'FS',
            lagMinutes: 0,
            lagPercent: null,
            lagElapsed: false,
          },
        ]);
      }),
    ).rejects.toMatchObject({ code: '23503' });
  });
});
