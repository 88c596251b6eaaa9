import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import { saveProjectBaseline } from '../../src/services/baselines.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createTask, getTask, updateTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject } from '../../src/services/projects.ts';
import { createRisk } from '../../src/services/risks.ts';
import {
  commentOnStatusReport,
  createStatusReport,
  getStatusReport,
  projectIndicators,
  reviewStatusReport,
  submitStatusReport,
  updateStatusReport,
} from '../../src/services/status-reports.ts';
import { setStatusThresholds } from '../../src/services/status-settings.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { reportBody, setFinancials } from '../support/status-fixtures.ts';

let db: Database;
let orgId: string;
let system: Actor;
let project: Project;
let otherProject: Project;
let manager: Actor;
let otherManager: Actor;
let teamMember: Actor;
let programManager: Actor;
let pmo: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  project = await makeProject(db, orgId);
  otherProject = await makeProject(db, orgId);
  manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
  otherManager = await makeActor(db, orgId, 'project_manager', 'project', otherProject.id);
  teamMember = await makeActor(db, orgId, 'team_member', 'project', project.id);
  programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
  pmo = await makeActor(db, orgId, 'pmo_admin');
}, 120_000);

afterAll(async () => {
  await db?.close();
});

async function refusal(work: Promise<unknown>) {
  return work.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}

describe('writing and submitting a status report', () => {
  it("freezes the report with the computed indicators and sets the project's health to its overall RAG", async () => {
    await setFinancials(db, orgId, project.id, { spi: 0.86, cpi: 1.02 });
    const draft = await createStatusReport(db, manager, project.id, reportBody({ narrative: '' }));
    expect(draft).toMatchObject({ status: 'draft', submittedAt: null, indicators: null });
    expect(draft.allowed).toEqual({ edit: true, submit: true, review: false, comment: false });
    // A draft already shows what the data says and where the self-assessment disagrees with it.
    expect(draft.liveIndicators.dimensions.schedule).toBe('red');
    expect(draft.liveDisagreements.map((d) => d.dimension)).toEqual(['schedule', 'overall']);

    const edited = await updateStatusReport(db, manager, draft.id, draft.version, {
      narrative: 'Ground works slipped two weeks after the wet February.',
      overallRag: 'amber',
    });
    const submitted = await submitStatusReport(db, manager, draft.id, edited.version);
    expect(submitted).toMatchObject({ status: 'submitted', submittedByName: expect.any(String) });
    expect(submitted.indicators?.indicators.find((i) => i.key === 'spi')).toMatchObject({
      value: 0.86,
      rag: 'red',
    });
    expect(submitted.disagreements).toEqual([
      {
        dimension: 'schedule',
        selfAssessed: 'green',
        computed: 'red',
        reason: 'self-assessed green, but SPI 0.86 is below the red threshold 0.90',
      },
      {
        dimension: 'overall',
        selfAssessed: 'amber',
        computed: 'red',
        reason: 'self-assessed amber, but SPI 0.86 is below the red threshold 0.90',
      },
    ]);
    expect((await getProject(db, system, project.id)).health).toBe('amber');

    // The snapshot stays as it was when the figures change afterwards.
    await setFinancials(db, orgId, project.id, { spi: 1.1, cpi: 1.1 });
    const reread = await getStatusReport(db, manager, draft.id);
    expect(reread.indicators?.indicators.find((i) => i.key === 'spi')?.value).toBe(0.86);
    expect(reread.liveIndicators).toEqual(reread.indicators);
  });

  it('refuses to edit or submit a submitted report (409)', async () => {
    const draft = await createStatusReport(db, manager, project.id, reportBody({ periodEnd: '2027-04-30' }));
    const submitted = await submitStatusReport(db, manager, draft.id, draft.version);
    const edit = await refusal(
      updateStatusReport(db, manager, draft.id, submitted.version, { narrative: 'x' }),
    );
    expect(edit).toBeInstanceOf(ConflictError);
    expect((edit as Error).message).toContain('is submitted; it can no longer be edited');
    expect(await refusal(submitStatusReport(db, manager, draft.id, submitted.version))).toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses a stale version with 409', async () => {
    const draft = await createStatusReport(db, manager, project.id, reportBody());
    await updateStatusReport(db, manager, draft.id, draft.version, { achievements: 'More' });
    expect(
      await refusal(updateStatusReport(db, manager, draft.id, draft.version, { achievements: 'Lost' })),
    ).toBeInstanceOf(ConflictError);
  });

  it('names a bad RAG value and a period ending before it starts, and stores nothing', async () => {
    const before = await countOrgRows(db, 'status_reports', orgId);
    const badRag = await refusal(
      createStatusReport(db, manager, project.id, reportBody({ costRag: 'purple' })),
    );
    expect(badRag).toBeInstanceOf(ValidationError);
    expect((badRag as ValidationError).errors.map((e) => e.field)).toEqual(['costRag']);
    const backwards = await refusal(
      createStatusReport(
        db,
        manager,
        project.id,
        reportBody({ periodStart: '2027-03-31', periodEnd: '2027-03-01' }),
      ),
    );
    expect((backwards as ValidationError).errors).toEqual([
      { field: 'periodEnd', message: 'must not be before periodStart' },
    ]);
    expect(await countOrgRows(db, 'status_reports', orgId)).toBe(before);

    const draft = await createStatusReport(db, manager, project.id, reportBody());
    const patched = await refusal(
      updateStatusReport(db, manager, draft.id, draft.version, { periodEnd: '2027-02-01' }),
    );
    expect((patched as ValidationError).errors[0]).toMatchObject({ field: 'periodEnd' });
  });

  it('needs every rating and a narrative to submit', async () => {
    const draft = await createStatusReport(db, manager, project.id, {
      periodStart: '2027-05-01',
      periodEnd: '2027-05-31',
      overallRag: 'green',
    });
    const error = await refusal(submitStatusReport(db, manager, draft.id, draft.version));
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual([
      'scheduleRag',
      'costRag',
      'scopeRag',
      'resourcesRag',
      'riskRag',
      'qualityRag',
      'narrative',
    ]);
    expect((await getStatusReport(db, manager, draft.id)).status).toBe('draft');
  });

  it('refuses a project manager of another project and a team member (403)', async () => {
    expect(await refusal(createStatusReport(db, otherManager, project.id, reportBody()))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusal(createStatusReport(db, teamMember, project.id, reportBody()))).toBeInstanceOf(
      ForbiddenError,
    );
    const draft = await createStatusReport(db, manager, project.id, reportBody());
    expect(
      await refusal(updateStatusReport(db, teamMember, draft.id, draft.version, { narrative: 'x' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await refusal(submitStatusReport(db, otherManager, draft.id, draft.version))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('review and comments', () => {
  it('lets the program manager review and both sides talk in threads', async () => {
    const draft = await createStatusReport(db, manager, project.id, reportBody({ periodEnd: '2027-06-30' }));
    expect(
      await refusal(commentOnStatusReport(db, programManager, draft.id, { body: 'Early' })),
    ).toBeInstanceOf(ConflictError);
    await submitStatusReport(db, manager, draft.id, draft.version);
    expect(await refusal(reviewStatusReport(db, manager, draft.id, {}))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(reviewStatusReport(db, otherManager, draft.id, {}))).toBeInstanceOf(ForbiddenError);

    const asked = await commentOnStatusReport(db, programManager, draft.id, { body: 'Why is SPI so low?' });
    const question = asked.comments[0];
    const answered = await commentOnStatusReport(db, manager, draft.id, {
      body: 'Rain; we recover in May.',
      parentId: question.id,
    });
    expect(answered.comments.map((c) => [c.body, c.parentId])).toEqual([
      ['Why is SPI so low?', null],
      ['Rain; we recover in May.', question.id],
    ]);
    expect(await refusal(commentOnStatusReport(db, teamMember, draft.id, { body: 'Me too' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusal(commentOnStatusReport(db, manager, draft.id, { body: '   ' }))).toBeInstanceOf(
      ValidationError,
    );

    const reviewed = await reviewStatusReport(db, programManager, draft.id, {
      note: 'Accepted; watch the SPI.',
    });
    expect(reviewed).toMatchObject({
      status: 'reviewed',
      reviewNote: 'Accepted; watch the SPI.',
      commentCount: 2,
    });
    expect(reviewed.reviewedByName).toMatch(/^program_manager \d+$/);
    expect(await refusal(reviewStatusReport(db, pmo, draft.id, {}))).toBeInstanceOf(ConflictError);

    // The manager hears of the question and the review; the program manager of the answer.
    const told = (userId: string | null) =>
      db.query<{ kind: string; message: string }>(
        'SELECT kind, message FROM notifications WHERE org_id = $1 AND user_id = $2 ORDER BY created_at, id',
        [orgId, userId],
      );
    expect(await told(manager.userId)).toEqual([
      {
        kind: 'report_comment',
        message: `New comment on the ${project.code} status report of 2027-06-30: Why is SPI so low?`,
      },
      {
        kind: 'report_reviewed',
        message: `The ${project.code} status report of 2027-06-30 was reviewed: Accepted; watch the SPI.`,
      },
    ]);
    expect(await told(programManager.userId)).toEqual([
      {
        kind: 'report_comment',
        message: `New comment on the ${project.code} status report of 2027-06-30: Rain; we recover in May.`,
      },
    ]);
  });

  it('refuses a reply whose parent is a comment on another report', async () => {
    const first = await createStatusReport(db, manager, project.id, reportBody({ periodEnd: '2027-07-31' }));
    await submitStatusReport(db, manager, first.id, first.version);
    const second = await createStatusReport(db, manager, project.id, reportBody({ periodEnd: '2027-08-31' }));
    await submitStatusReport(db, manager, second.id, second.version);
    const commented = await commentOnStatusReport(db, pmo, first.id, { body: 'Noted' });
    const error = await refusal(
      commentOnStatusReport(db, pmo, second.id, { body: 'Reply', parentId: commented.comments[0].id }),
    );
    expect((error as ValidationError).errors).toEqual([
      { field: 'parentId', message: 'is not a comment on this status report' },
    ]);
  });
});

describe('computed indicators', () => {
  it('counts late milestones, open high risks and slip against the baseline as of the status date', async () => {
    const subject = await makeProject(db, orgId);
    const milestone = await createTask(db, system, subject.id, {
      name: 'Permit granted',
      milestone: true,
      durationMinutes: 0,
      constraintType: 'MSO',
      constraintDate: '2027-02-01T08:00:00',
    });
    const work = await createTask(db, system, subject.id, { name: 'Build', durationMinutes: 480 * 20 });
    await saveProjectBaseline(db, system, subject.id, 0, { name: 'Approved plan' });
    const current = await getTask(db, system, work.id);
    await updateTask(db, system, work.id, current.version, { durationMinutes: 480 * 40 });
    await createRisk(db, system, {
      scopeType: 'project',
      scopeId: subject.id,
      title: 'Supplier insolvency',
      probability: 0.9,
      impactSchedule: 5,
      impactCost: 5,
      impactScope: 1,
      impactQuality: 1,
    });
    await createRisk(db, system, {
      scopeType: 'project',
      scopeId: subject.id,
      title: 'Minor rework',
      probability: 0.2,
      impactSchedule: 2,
      impactCost: 1,
      impactScope: 1,
      impactQuality: 1,
    });

    const before = await projectIndicators(db, system, subject.id, '2027-01-15');
    expect(before.lateMilestones).toEqual([]);
    const after = await projectIndicators(db, system, subject.id, '2027-02-15');
    expect(after.lateMilestones).toEqual([
      { taskId: milestone.id, name: 'Permit granted', finish: '2027-02-01' },
    ]);
    expect(after.openHighRisks.map((r) => r.title)).toEqual(['Supplier insolvency']);
    const slip = after.indicators.find((i) => i.key === 'scheduleSlip');
    expect(slip?.value).toBeGreaterThanOrEqual(20);
    expect(slip?.rag).toBe('red');
    expect(after.dimensions).toEqual({ schedule: 'red', risk: 'amber' });
    expect(after.indicators.find((i) => i.key === 'cpi')?.rag).toBeNull();

    // Done milestones are not late.
    const m = await getTask(db, system, milestone.id);
    await updateTask(db, system, milestone.id, m.version, { percentComplete: 100 });
    expect((await projectIndicators(db, system, subject.id, '2027-02-15')).lateMilestones).toEqual([]);
  }, 120_000);

  it("rates on the organization's thresholds, which only its PMO may change", async () => {
    const subject = await makeProject(db, orgId);
    await setFinancials(db, orgId, subject.id, { spi: 0.93, cpi: 0.97 });
    expect((await projectIndicators(db, system, subject.id, '2027-03-31')).dimensions.schedule).toBe('amber');
    expect(await refusal(setStatusThresholds(db, programManager, 1, { spiAmber: 0.9 }))).toBeInstanceOf(
      ForbiddenError,
    );
    const bad = await refusal(setStatusThresholds(db, pmo, 1, { spiRed: 0.99 }));
    expect((bad as ValidationError).errors).toEqual([
      { field: 'spiRed', message: 'must not be above spiAmber (0.95): red is the worse band' },
    ]);
    const changed = await setStatusThresholds(db, pmo, 1, { spiAmber: 0.92, spiRed: 0.85 });
    expect(changed).toMatchObject({ spiAmber: 0.92, spiRed: 0.85, version: 2 });
    expect((await projectIndicators(db, system, subject.id, '2027-03-31')).dimensions.schedule).toBe('green');
    expect(await refusal(setStatusThresholds(db, pmo, 1, { cpiAmber: 0.9 }))).toBeInstanceOf(ConflictError);
  });
});
