import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import type { QualityStandard } from '../../src/model/quality.ts';
import { listMyNotifications } from '../../src/services/notifications.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createCorrectiveAction,
  createFinding,
  createInspection,
  createQualityStandard,
  updateCorrectiveAction,
  updateQualityStandard,
} from '../../src/services/quality.ts';
import { complianceRollup, projectCompliance } from '../../src/services/quality-compliance.ts';
import { remindDueCorrectiveActions } from '../../src/services/reminders.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let pmo: Actor;
let x: Project;
let y: Project;
let z: Project;
let general: QualityStandard;
let agile: QualityStandard;
let owner: Actor;
const asOf = '2027-02-01';

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  pmo = await makeActor(db, orgId, 'pmo_admin');
  owner = await makeActor(db, orgId, 'team_member');
  x = await makeProject(db, orgId);
  const parents = { businessUnitId: x.businessUnitId, portfolioId: x.portfolioId };
  y = await makeProject(db, orgId, { ...parents, programId: x.programId });
  await db.query(`UPDATE projects SET methodology = 'agile' WHERE id = $1`, [y.id]);
  z = await makeProject(db, orgId, { ...parents, programId: null });
  general = await createQualityStandard(db, pmo, {
    code: 'QS-1',
    name: 'Project management plan',
    checklist: ['Charter signed', 'Schedule baselined', 'Risk register kept', 'Lessons recorded'],
  });
  agile = await createQualityStandard(db, pmo, {
    code: 'QS-AG',
    name: 'Agile ceremonies',
    projectType: 'agile',
    checklist: ['Retrospective held', 'Definition of done agreed'],
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const results = (standard: QualityStandard, outcomes: Array<'pass' | 'fail' | 'na'>) =>
  outcomes.map((result, i) => ({ itemId: standard.checklist[i].id, result }));

describe('inspections, findings and corrective actions', () => {
  it('refuses check results for items of another checklist, naming the row', async () => {
    const attempt = createInspection(db, pmo, {
      projectId: x.id,
      standardId: general.id,
      kind: 'audit',
      title: 'Wrong list',
      heldOn: '2027-01-05',
      results: [{ itemId: agile.checklist[0].id, result: 'pass' }],
    });
    await expect(attempt).rejects.toMatchObject({ status: 400, errors: [{ field: 'results[0].itemId' }] });
    expect(await countOrgRows(db, 'quality_inspections', orgId)).toBe(0);
  });

  it('computes compliance per project and rolls it up per program and portfolio', async () => {
    const audit = await createInspection(db, pmo, {
      projectId: x.id,
      standardId: general.id,
      kind: 'audit',
      title: 'Q1 audit',
      heldOn: '2027-01-05',
      results: results(general, ['pass', 'pass', 'pass', 'fail']),
    });
    expect(audit).toMatchObject({ passed: 3, failed: 1, kind: 'audit' });
    const high = await createFinding(db, pmo, {
      inspectionId: audit.id,
      severity: 'high',
      description: 'No lessons recorded',
    });
    expect(high.projectId).toBe(x.id);
    await createFinding(db, pmo, {
      inspectionId: audit.id,
      severity: 'critical',
      description: 'Closed already',
      status: 'closed',
    });
    await createCorrectiveAction(db, pmo, {
      findingId: high.id,
      title: 'Hold a lessons session',
      ownerId: owner.userId,
      dueDate: '2027-01-20',
    });
    await createInspection(db, pmo, {
      projectId: y.id,
      standardId: general.id,
      kind: 'inspection',
      title: 'Plan check',
      heldOn: '2027-01-10',
      results: results(general, ['pass', 'pass', 'pass', 'na']),
    });
    await createInspection(db, pmo, {
      projectId: y.id,
      standardId: agile.id,
      kind: 'inspection',
      title: 'Ceremonies',
      heldOn: '2027-01-12',
      results: results(agile, ['pass', 'pass']),
    });

    expect(await projectCompliance(db, pmo, x.id, asOf)).toMatchObject({
      applicableChecks: 4,
      checksPassed: 3,
      passRate: 0.75,
      openFindings: { low: 0, medium: 0, high: 1, critical: 0 },
      overdueActions: 1,
      status: 'at_risk',
      oversight: 'standard',
    });
    // The agile standard applies to Y only; "not applicable" leaves a check out.
    expect(await projectCompliance(db, pmo, y.id, asOf)).toMatchObject({
      applicableChecks: 5,
      checksPassed: 5,
      passRate: 1,
      status: 'compliant',
    });
    expect(await projectCompliance(db, pmo, z.id, asOf)).toMatchObject({
      applicableChecks: 4,
      checksPassed: 0,
      passRate: null,
      status: 'not_assessed',
    });
    // Before the action falls due, nothing is overdue.
    expect((await projectCompliance(db, pmo, x.id, '2027-01-15')).overdueActions).toBe(0);

    const rollup = await complianceRollup(db, pmo, asOf);
    expect(rollup.programs).toEqual([
      expect.objectContaining({
        id: x.programId,
        projects: 2,
        applicableChecks: 9,
        checksPassed: 8,
        passRate: 8 / 9,
        openFindings: { low: 0, medium: 0, high: 1, critical: 0 },
        overdueActions: 1,
        status: 'at_risk',
      }),
    ]);
    expect(rollup.portfolios).toEqual([
      expect.objectContaining({ id: x.portfolioId, projects: 3, applicableChecks: 9, checksPassed: 8 }),
    ]);

    // A project manager sees the roll-up of their own project only.
    const yManager = await makeActor(db, orgId, 'project_manager', 'project', y.id);
    const own = await complianceRollup(db, yManager, asOf);
    expect(own.programs).toEqual([
      expect.objectContaining({ projects: 1, applicableChecks: 5, status: 'compliant' }),
    ]);
    await expect(projectCompliance(db, yManager, x.id, asOf)).rejects.toMatchObject({ status: 403 });
    await expect(
      createFinding(db, yManager, { inspectionId: audit.id, severity: 'low', description: 'Not mine' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('tells the owner of an action, reminds them once before the due date, and stamps the done date', async () => {
    const [finding] = (
      await db.query<{ id: string }>(
        `SELECT id FROM quality_findings WHERE org_id = $1 AND severity = 'high'`,
        [orgId],
      )
    ).map((row) => row.id);
    const action = await createCorrectiveAction(db, pmo, {
      findingId: finding,
      title: 'Record the lessons',
      ownerId: owner.userId,
      dueDate: '2027-03-10',
    });
    const mine = await listMyNotifications(db, owner, { page: 1, pageSize: 50 });
    expect(mine.items.map((n) => n.message)).toContain(
      'You own the corrective action "Record the lessons", due 2027-03-10',
    );
    const reminded = await remindDueCorrectiveActions(db, orgId, new Date('2027-03-09T08:00:00Z'));
    // This one, and the overdue one from the audit.
    expect(reminded).toBe(2);
    expect(await remindDueCorrectiveActions(db, orgId, new Date('2027-03-09T09:00:00Z'))).toBe(0);
    const emails = await db.query<{ subject: string }>(
      `SELECT subject FROM email_outbox WHERE org_id = $1 AND source_id = $2`,
      [orgId, action.id],
    );
    expect(emails.map((e) => e.subject)).toEqual(['Reminder: corrective action due 2027-03-10']);
    const done = await updateCorrectiveAction(db, pmo, action.id, action.version, { status: 'done' });
    expect(done.doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const reopened = await updateCorrectiveAction(db, pmo, action.id, done.version, { status: 'open' });
    expect(reopened.doneOn).toBeNull();
  });

  it('keeps a used checklist as it is', async () => {
    await expect(
      updateQualityStandard(db, pmo, general.id, general.version, { checklist: ['Only one now'] }),
    ).rejects.toMatchObject({ status: 409 });
    const renamed = await updateQualityStandard(db, pmo, general.id, general.version, { name: 'PM plan' });
    expect(renamed.checklist).toHaveLength(4);
  });
});
