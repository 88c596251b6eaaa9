import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import { ConflictError, ForbiddenError } from '../../src/services/errors.ts';
import {
  flagLateReports,
  flagLateReportsEverywhere,
  listLateReports,
} from '../../src/services/late-reports.ts';
import type { Actor } from '../../src/services/policy.ts';
import { submitStatusReport } from '../../src/services/status-reports.ts';
import { getReportingCadence, setReportingCadence } from '../../src/services/status-settings.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { draftReport, startExecution } from '../support/status-fixtures.ts';

let db: Database;
let orgId: string;
let system: Actor;
let late: Project;
let onTime: Project;
let elsewhere: Project;
let programManager: Actor & { email: string };
let orgPmo: Actor & { email: string };
let unitPmo: Actor & { email: string };
let projectManager: Actor & { email: string };
let otherProgramManager: Actor & { email: string };

const weekly = { frequency: 'weekly', anchorDate: '2027-01-08', graceDays: 0 } as const;

async function notificationsOf(userId: string | null) {
  return db.query<{ kind: string; entityId: string; message: string }>(
    `SELECT kind, entity_id AS "entityId", message FROM notifications WHERE org_id = $1 AND user_id = $2
     ORDER BY created_at, id`,
    [orgId, userId],
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  late = await makeProject(db, orgId, { code: 'LATE' });
  onTime = await makeProject(db, orgId, {
    code: 'ONTIME',
    businessUnitId: late.businessUnitId,
    portfolioId: late.portfolioId,
    programId: late.programId,
  });
  elsewhere = await makeProject(db, orgId, { code: 'ELSE' });
  for (const project of [late, onTime, elsewhere]) {
    await startExecution(db, orgId, project);
    await setReportingCadence(db, system, project.id, undefined, weekly);
  }
  programManager = await makeActor(db, orgId, 'program_manager', 'program', late.programId);
  otherProgramManager = await makeActor(db, orgId, 'program_manager', 'program', elsewhere.programId);
  orgPmo = await makeActor(db, orgId, 'pmo_admin');
  unitPmo = await makeActor(db, orgId, 'pmo_admin', 'business_unit', late.businessUnitId);
  projectManager = await makeActor(db, orgId, 'project_manager', 'project', late.id);
  const report = await draftReport(db, orgId, onTime.id, {
    periodStart: '2027-01-08',
    periodEnd: '2027-01-14',
  });
  await submitStatusReport(db, system, report.id, report.version);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('late reports', () => {
  it('lists the projects of a scope whose last report is older than their cadence allows', async () => {
    const inProgram = await listLateReports(
      db,
      programManager,
      { type: 'program', id: late.programId as string },
      '2027-01-16',
      1,
      50,
    );
    expect(inProgram.items).toEqual([
      expect.objectContaining({
        projectCode: 'LATE',
        dueDate: '2027-01-15',
        daysLate: 1,
        lastPeriodEnd: null,
      }),
    ]);
    const everywhere = await listLateReports(db, orgPmo, { type: 'organization' }, '2027-01-16', 1, 50);
    expect(everywhere.items.map((r) => r.projectCode).sort()).toEqual(['ELSE', 'LATE']);
    // A reader sees only the late projects within its grants.
    const narrow = await listLateReports(
      db,
      otherProgramManager,
      { type: 'organization' },
      '2027-01-16',
      1,
      50,
    );
    expect(narrow.items.map((r) => r.projectCode)).toEqual(['ELSE']);
    // Nothing is late on the first due date itself.
    expect(
      (await listLateReports(db, orgPmo, { type: 'organization' }, '2027-01-08', 1, 50)).items.map(
        (r) => r.projectCode,
      ),
    ).toEqual([]);
  });

  it('notifies the program manager and the PMO once per project and missed due date', async () => {
    const first = await flagLateReports(db, orgId, '2027-01-16');
    expect(first.flagged.map((f) => [f.projectCode, f.dueDate]).sort()).toEqual([
      ['ELSE', '2027-01-15'],
      ['LATE', '2027-01-15'],
    ]);
    expect(first.alreadyFlagged).toBe(0);
    for (const person of [programManager, orgPmo, unitPmo])
      expect(await notificationsOf(person.userId), person.email).toContainEqual({
        kind: 'report_late',
        entityId: late.id,
        message: `LATE ${late.name}: the status report due 2027-01-15 is late`,
      });
    expect(await notificationsOf(projectManager.userId)).toEqual([]);
    expect((await notificationsOf(otherProgramManager.userId)).map((n) => n.entityId)).toEqual([
      elsewhere.id,
    ]);

    // Running again, that day or the next, tells nobody twice.
    const again = await flagLateReports(db, orgId, '2027-01-16');
    const nextDay = await flagLateReports(db, orgId, '2027-01-17');
    expect([again.flagged, nextDay.flagged]).toEqual([[], []]);
    expect(nextDay.alreadyFlagged).toBe(2);
    expect((await notificationsOf(programManager.userId)).length).toBe(1);

    // The next missed due is a new lateness, flagged once more.
    const week = await flagLateReports(db, orgId, '2027-01-23');
    expect(week.flagged.map((f) => [f.projectCode, f.dueDate]).sort()).toEqual([
      ['ELSE', '2027-01-22'],
      ['LATE', '2027-01-22'],
      ['ONTIME', '2027-01-22'],
    ]);
    expect((await notificationsOf(programManager.userId)).length).toBe(3);
  });

  it('stops counting a project late once a report answers the missed due', async () => {
    const report = await draftReport(db, orgId, late.id, {
      periodStart: '2027-01-15',
      periodEnd: '2027-01-22',
    });
    await submitStatusReport(db, system, report.id, report.version);
    const cadence = await getReportingCadence(db, programManager, late.id, '2027-01-24');
    expect(cadence).toMatchObject({ missedDueDate: null, nextDueDate: '2027-01-29' });
    expect((await getReportingCadence(db, programManager, onTime.id, '2027-01-24')).missedDueDate).toBe(
      '2027-01-22',
    );
  });

  it('owes nothing without a cadence or outside the reporting stages', async () => {
    const proposal = await makeProject(db, orgId, { code: 'PROPOSAL' });
    await setReportingCadence(db, system, proposal.id, undefined, weekly);
    const noCadence = await makeProject(db, orgId, { code: 'NOCAD' });
    await startExecution(db, orgId, noCadence);
    const codes = (
      await listLateReports(db, orgPmo, { type: 'organization' }, '2027-03-01', 1, 50)
    ).items.map((r) => r.projectCode);
    expect(codes).not.toContain('PROPOSAL');
    expect(codes).not.toContain('NOCAD');
    expect(await getReportingCadence(db, orgPmo, noCadence.id)).toMatchObject({
      cadence: null,
      nextDueDate: null,
    });
  });
});

describe('the daily job', () => {
  it('flags every organization with a cadence, and only once', async () => {
    const other = await makeOrganization(db);
    const elsewhereProject = await makeProject(db, other.orgId);
    await startExecution(db, other.orgId, elsewhereProject);
    await setReportingCadence(db, other.system, elsewhereProject.id, undefined, weekly);
    const first = await flagLateReportsEverywhere(db, '2027-02-06');
    const byOrg = new Map(first.map((result) => [result.orgId, result]));
    expect(byOrg.get(other.orgId)?.flagged.map((f) => f.dueDate)).toEqual(['2027-02-05']);
    expect(byOrg.get(orgId)?.flagged.length).toBeGreaterThan(0);
    const second = await flagLateReportsEverywhere(db, '2027-02-06');
    expect(second.every((result) => result.flagged.length === 0)).toBe(true);
  });
});

describe('reporting cadence', () => {
  it("is set by the project's program manager or above, not by its project manager", async () => {
    const error = await setReportingCadence(db, projectManager, late.id, undefined, weekly).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    const current = await getReportingCadence(db, programManager, late.id, '2027-02-01');
    const changed = await setReportingCadence(db, programManager, late.id, current.cadence?.version, {
      frequency: 'monthly',
      anchorDate: '2027-01-31',
      graceDays: 3,
    });
    expect(changed.cadence).toMatchObject({ frequency: 'monthly', anchorDate: '2027-01-31', graceDays: 3 });
    const stale = await setReportingCadence(
      db,
      programManager,
      late.id,
      current.cadence?.version,
      weekly,
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
  });
});
