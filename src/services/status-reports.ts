import type { Database, Queryable } from '../db/connection.ts';
import { type Placement, placementOfParents, projectParents } from '../db/repositories/scope.ts';
import {
  findComment,
  insertComment,
  listComments,
  listReportsIn,
  type ReportScope,
  setProjectHealth,
  statusReports,
} from '../db/repositories/status-reports.ts';
import { projects } from '../db/repositories/tables.ts';
import { findRow, insertRow, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import { type ComputedIndicators, findDisagreements, type SelfAssessment } from '../engine/status/index.ts';
import type { Page } from '../model/common.ts';
import {
  commentInput,
  ragFields,
  reviewInput,
  type StatusReport,
  type StatusReportComment,
  type StatusReportDetail,
  statusReportInput,
  statusReportPatch,
} from '../model/status-report.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, type Capability, can, visibility } from './policy.ts';
import { getProject } from './projects.ts';
import { computeProjectIndicators } from './status-indicators.ts';
import { getBusinessUnit, getPortfolio, getProgram } from './structure.ts';
import { parseInput } from './validate.ts';

async function projectPlacement(q: Queryable, actor: Actor, projectId: string): Promise<Placement> {
  const parents = await projectParents(q, actor.orgId, projectId);
  if (!parents) throw new NotFoundError('project', projectId);
  return placementOfParents(q, actor.orgId, { ...parents, projectId });
}

async function authorizeOn(q: Queryable, actor: Actor, projectId: string, capability: Capability) {
  const placement = await projectPlacement(q, actor, projectId);
  if (!can(actor, capability, placement))
    throw new ForbiddenError(
      capability === 'review_status_report'
        ? "only the project's program manager, its portfolio manager or the PMO may review its status reports"
        : "only the project's manager and those above it may write its status reports",
    );
  return placement;
}

async function findReport(q: Queryable, actor: Actor, id: string): Promise<StatusReport> {
  const report = await findRow<StatusReport>(q, statusReports, actor.orgId, id);
  if (!report) throw new NotFoundError('status report', id);
  return report;
}

const frozen = (report: StatusReport) =>
  new ConflictError(
    `the status report for ${report.periodStart} – ${report.periodEnd} is ${report.status}; it can no longer be edited`,
  );

const selfAssessment = (report: StatusReport): SelfAssessment => ({
  overall: report.overallRag,
  schedule: report.scheduleRag,
  cost: report.costRag,
  scope: report.scopeRag,
  resources: report.resourcesRag,
  risk: report.riskRag,
  quality: report.qualityRag,
});

/** A new draft report on a project, by its manager or anyone above who may report on it. */
export async function createStatusReport(
  db: Database,
  actor: Actor,
  projectId: string,
  input: unknown,
): Promise<StatusReportDetail> {
  const values = parseInput(statusReportInput, input);
  const id = await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeOn(tx, actor, projectId, 'submit_status_report');
      const id = uuidv7();
      await insertRow(tx, statusReports, actor.orgId, id, {
        ...values,
        projectId,
        status: 'draft',
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'status_report', id, 'create', null, await findReport(tx, actor, id));
      return id;
    }),
  );
  return getStatusReport(db, actor, id);
}

/** Edits a draft; a submitted report is frozen (409). */
export async function updateStatusReport(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<StatusReportDetail> {
  const patch = parseInput(statusReportPatch, input);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findReport(tx, actor, id);
      await authorizeOn(tx, actor, before.projectId, 'submit_status_report');
      if (before.status !== 'draft') throw frozen(before);
      const periodStart = patch.periodStart ?? before.periodStart;
      const periodEnd = patch.periodEnd ?? before.periodEnd;
      if (periodEnd < periodStart)
        throw new ValidationError([
          { field: 'periodEnd', message: `must not be before periodStart (${periodStart})` },
        ]);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      if (!(await updateRow(tx, statusReports, actor.orgId, id, expectedVersion, patch)))
        throw new ConflictError(
          `the status report changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      await audit(tx, actor, 'status_report', id, 'update', before, await findReport(tx, actor, id));
    }),
  );
  return getStatusReport(db, actor, id);
}

/**
 * Submits a draft: it needs every rating and a narrative. The indicators are computed as of its
 * status date and frozen into it with the disagreements, and the project's health becomes its
 * overall rating — all in one transaction.
 */
export async function submitStatusReport(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
): Promise<StatusReportDetail> {
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findReport(tx, actor, id);
      await authorizeOn(tx, actor, before.projectId, 'submit_status_report');
      if (before.status !== 'draft') throw frozen(before);
      const missing: FieldError[] = ragFields
        .filter((field) => !before[field])
        .map((field) => ({ field, message: 'is required to submit the report' }));
      if (!before.narrative.trim())
        missing.push({ field: 'narrative', message: 'is required to submit the report' });
      if (missing.length > 0) throw new ValidationError(missing);
      const indicators = await computeProjectIndicators(tx, actor.orgId, before.projectId, before.periodEnd);
      const disagreements = findDisagreements(selfAssessment(before), indicators);
      const version = expectedVersion ?? before.version;
      const submitted = await updateRow(tx, statusReports, actor.orgId, id, version, {
        status: 'submitted',
        submittedBy: actor.userId,
        submittedAt: new Date().toISOString(),
        indicators: JSON.stringify(indicators),
        disagreements: JSON.stringify(disagreements),
      });
      if (!submitted)
        throw new ConflictError(
          `the status report changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      await audit(tx, actor, 'status_report', id, 'update', before, await findReport(tx, actor, id));
      await updateHealth(tx, actor, before.projectId, before.overallRag as string);
    }),
  );
  return getStatusReport(db, actor, id);
}

async function updateHealth(tx: Queryable, actor: Actor, projectId: string, health: string) {
  const before = await findRow<{ id: string; health: string | null }>(tx, projects, actor.orgId, projectId);
  if (!before || before.health === health) return;
  await setProjectHealth(tx, actor.orgId, projectId, health);
  await audit(
    tx,
    actor,
    'project',
    projectId,
    'update',
    before,
    await findRow(tx, projects, actor.orgId, projectId),
  );
}

/** The program manager (or someone above) marks a submitted report reviewed, with an optional note. */
export async function reviewStatusReport(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<StatusReportDetail> {
  const { note } = parseInput(reviewInput, input ?? {});
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findReport(tx, actor, id);
      await authorizeOn(tx, actor, before.projectId, 'review_status_report');
      if (before.status !== 'submitted')
        throw new ConflictError(
          before.status === 'draft'
            ? 'the status report is still a draft; it can be reviewed once submitted'
            : 'the status report has already been reviewed',
        );
      if (
        !(await updateRow(tx, statusReports, actor.orgId, id, before.version, {
          status: 'reviewed',
          reviewedBy: actor.userId,
          reviewedAt: new Date().toISOString(),
          reviewNote: note,
        }))
      )
        throw new ConflictError('the status report changed meanwhile; reload');
      await audit(tx, actor, 'status_report', id, 'update', before, await findReport(tx, actor, id));
      await notify(
        tx,
        actor,
        [before.submittedBy],
        'report_reviewed',
        { type: 'project', id: before.projectId },
        `The ${before.projectCode} status report of ${before.periodEnd} was reviewed${note ? `: ${note.slice(0, 140)}` : ''}`,
      );
    }),
  );
  return getStatusReport(db, actor, id);
}

/** A comment on a submitted report, or a reply in a thread: by its reviewers and by those who report on it. */
export async function commentOnStatusReport(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<StatusReportDetail> {
  const { body, parentId } = parseInput(commentInput, input);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const report = await findReport(tx, actor, id);
      const placement = await projectPlacement(tx, actor, report.projectId);
      if (!can(actor, 'review_status_report', placement) && !can(actor, 'submit_status_report', placement))
        throw new ForbiddenError('only those who report on the project or review its reports may comment');
      if (report.status === 'draft')
        throw new ConflictError('the status report is still a draft; comments open once it is submitted');
      const parent = parentId ? await findComment(tx, actor.orgId, parentId) : null;
      if (parentId && parent?.reportId !== id)
        throw new ValidationError([{ field: 'parentId', message: 'is not a comment on this status report' }]);
      const commentId = await insertComment(tx, actor.orgId, {
        reportId: id,
        parentId,
        authorId: actor.userId,
        authorLabel: actor.label,
        body,
      });
      await audit(tx, actor, 'status_report_comment', commentId, 'create', null, {
        reportId: id,
        parentId,
        body,
      });
      // The one who submitted hears of questions; the one asked hears of the answer.
      await notify(
        tx,
        actor,
        [report.submittedBy, parent?.authorId],
        'report_comment',
        { type: 'project', id: report.projectId },
        `New comment on the ${report.projectCode} status report of ${report.periodEnd}: ${body.slice(0, 140)}`,
      );
    }),
  );
  return getStatusReport(db, actor, id);
}

export async function getStatusReport(db: Database, actor: Actor, id: string): Promise<StatusReportDetail> {
  const report = await findReport(db, actor, id);
  await getProject(db, actor, report.projectId);
  const placement = await projectPlacement(db, actor, report.projectId);
  const live: ComputedIndicators =
    (report.indicators as ComputedIndicators | null) ??
    (await computeProjectIndicators(db, actor.orgId, report.projectId, report.periodEnd));
  const mayReport = can(actor, 'submit_status_report', placement);
  const mayReview = can(actor, 'review_status_report', placement);
  return {
    ...report,
    liveIndicators: live,
    liveDisagreements: report.indicators
      ? report.disagreements
      : findDisagreements(selfAssessment(report), live),
    comments: await listComments<StatusReportComment>(db, actor.orgId, id),
    allowed: {
      edit: report.status === 'draft' && mayReport,
      submit: report.status === 'draft' && mayReport,
      review: report.status === 'submitted' && mayReview,
      comment: report.status !== 'draft' && (mayReport || mayReview),
    },
  };
}

/** What the indicators say about a project now (or on `date`), before any report is written. */
export async function projectIndicators(
  db: Database,
  actor: Actor,
  projectId: string,
  date: string,
): Promise<ComputedIndicators> {
  await getProject(db, actor, projectId);
  return computeProjectIndicators(db, actor.orgId, projectId, date);
}

export const visibleScopes = (actor: Actor) => {
  const seen = visibility(actor);
  return seen.all ? null : seen;
};

/** Reading a scope's reports is reading the scope; a unit is part of everyone's directory. */
export async function authorizeScopeRead(db: Database, actor: Actor, scope: ReportScope): Promise<void> {
  if (scope.type === 'project') await getProject(db, actor, scope.id);
  if (scope.type === 'program') await getProgram(db, actor, scope.id);
  if (scope.type === 'portfolio') await getPortfolio(db, actor, scope.id);
  if (scope.type === 'business_unit') await getBusinessUnit(db, actor, scope.id);
}

/** Reports within a scope that the reader may see, optionally of one status (`submitted`: awaiting review). */
export async function listStatusReports(
  db: Database,
  actor: Actor,
  scope: ReportScope,
  status: StatusReport['status'] | undefined,
  page: number,
  pageSize: number,
): Promise<Page<StatusReport>> {
  await authorizeScopeRead(db, actor, scope);
  const result = await listReportsIn<StatusReport>(
    db,
    actor.orgId,
    scope,
    visibleScopes(actor),
    status,
    page,
    pageSize,
  );
  return { ...result, page, pageSize };
}
