import type { Database, Queryable } from '../db/connection.ts';
import type { ScopeIds } from '../db/repositories/scope.ts';
import {
  insertLateFlag,
  lateReportRecipients,
  orgIdsWithCadences,
  type ReportScope,
  staleReporters,
} from '../db/repositories/status-reports.ts';
import { addDays, dayNumber, missedDue } from '../engine/status/cadence.ts';
import type { Page } from '../model/common.ts';
import type { LateReport } from '../model/status-report.ts';
import { systemActor } from './access.ts';
import { notify } from './notifications.ts';
import type { Actor } from './policy.ts';
import { authorizeScopeRead, visibleScopes } from './status-reports.ts';

/**
 * Projects within a scope whose last submitted report is older than their cadence allows on `today`:
 * the last due date whose grace has run out has no report with a later status date than the due
 * before it. Projects without a cadence, or not in a reporting stage, owe nothing.
 */
async function findLate(
  q: Queryable,
  orgId: string,
  scope: ReportScope,
  visible: ScopeIds | null,
  today: string,
): Promise<LateReport[]> {
  // No cadence is shorter than a week, so a report with a status date in the last 7 days is never late.
  const candidates = await staleReporters(q, orgId, scope, visible, addDays(today, -7));
  const late: LateReport[] = [];
  for (const candidate of candidates) {
    const missed = missedDue(candidate, candidate.lastPeriodEnd, today);
    if (!missed) continue;
    late.push({
      projectId: candidate.projectId,
      projectCode: candidate.projectCode,
      projectName: candidate.projectName,
      programId: candidate.programId,
      programName: candidate.programName,
      managerName: candidate.managerName,
      frequency: candidate.frequency,
      dueDate: missed.dueDate,
      daysLate: dayNumber(today) - dayNumber(missed.dueDate),
      lastPeriodEnd: candidate.lastPeriodEnd,
      lastSubmittedAt: candidate.lastSubmittedAt,
    });
  }
  return late.sort((a, b) => b.daysLate - a.daysLate || a.projectCode.localeCompare(b.projectCode));
}

/** The late reports the reader may see within a scope, most overdue first. */
export async function listLateReports(
  db: Database,
  actor: Actor,
  scope: ReportScope,
  today: string,
  page: number,
  pageSize: number,
): Promise<Page<LateReport>> {
  await authorizeScopeRead(db, actor, scope);
  const late = await findLate(db, actor.orgId, scope, visibleScopes(actor), today);
  return { items: late.slice((page - 1) * pageSize, page * pageSize), total: late.length, page, pageSize };
}

export interface FlagResult {
  /** Projects newly flagged, with the due date they missed and how many people were told. */
  flagged: { projectId: string; projectCode: string; dueDate: string; notified: number }[];
  /** Late projects whose missed due date had been flagged before. */
  alreadyFlagged: number;
}

/**
 * Tells the program manager and the PMO administrators of every project that became late, once per
 * project and missed due date: running it again the same day, or every hour, notifies nobody twice.
 * Call it from a scheduled job (the CLI's `orrery reports flag-late` does).
 */
export async function flagLateReports(db: Database, orgId: string, today: string): Promise<FlagResult> {
  const actor = systemActor(orgId, 'late status reports');
  return db.transaction(async (tx) => {
    const result: FlagResult = { flagged: [], alreadyFlagged: 0 };
    for (const late of await findLate(tx, orgId, { type: 'organization' }, null, today)) {
      if (!(await insertLateFlag(tx, orgId, late.projectId, late.dueDate))) {
        result.alreadyFlagged += 1;
        continue;
      }
      const recipients = await lateReportRecipients(tx, orgId, late.projectId);
      await notify(
        tx,
        actor,
        recipients,
        'report_late',
        { type: 'project', id: late.projectId },
        `${late.projectCode} ${late.projectName}: the status report due ${late.dueDate} is late`,
      );
      result.flagged.push({
        projectId: late.projectId,
        projectCode: late.projectCode,
        dueDate: late.dueDate,
        notified: recipients.length,
      });
    }
    return result;
  });
}

/** `flagLateReports` for every organization with a reporting cadence: what a daily job calls. */
export async function flagLateReportsEverywhere(
  db: Database,
  today: string,
): Promise<Array<FlagResult & { orgId: string }>> {
  const results: Array<FlagResult & { orgId: string }> = [];
  for (const orgId of await orgIdsWithCadences(db))
    results.push({ orgId, ...(await flagLateReports(db, orgId, today)) });
  return results;
}
