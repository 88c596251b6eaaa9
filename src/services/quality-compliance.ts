import type { Database } from '../db/connection.ts';
import { type ComplianceRow, complianceByProject, namesOf } from '../db/repositories/quality.ts';
import { projectWithin } from '../db/repositories/scope.ts';
import { SqlParams } from '../db/sql.ts';
import type { ComplianceFigures } from '../model/quality.ts';
import { type Actor, visibility } from './policy.ts';
import { requireOnProject } from './scoped.ts';

/**
 * Compliance of a project, a program or a portfolio, from the latest result of every applicable
 * check, the open findings and the overdue corrective actions:
 * - not_assessed: no applicable check has a result yet and nothing is open;
 * - non_compliant: a critical finding is open, or under 60 % of the applicable checks passed;
 * - at_risk: a high finding is open, an action is overdue, or under 90 % passed;
 * - compliant otherwise.
 * A roll-up adds up its projects' counts and takes the pass rate over the projects assessed so far.
 */
export function complianceOf(counts: {
  applicableChecks: number;
  checksPassed: number;
  checksRecorded: number;
  low: number;
  medium: number;
  high: number;
  critical: number;
  overdueActions: number;
}): ComplianceFigures {
  const { applicableChecks, checksPassed, checksRecorded, overdueActions } = counts;
  const openFindings = {
    low: counts.low,
    medium: counts.medium,
    high: counts.high,
    critical: counts.critical,
  };
  const passRate = checksRecorded > 0 && applicableChecks > 0 ? checksPassed / applicableChecks : null;
  const anythingOpen = counts.low + counts.medium + counts.high + counts.critical + overdueActions > 0;
  let status: ComplianceFigures['status'];
  if (passRate === null && !anythingOpen) status = 'not_assessed';
  else if (counts.critical > 0 || (passRate !== null && passRate < 0.6)) status = 'non_compliant';
  else if (counts.high > 0 || overdueActions > 0 || (passRate !== null && passRate < 0.9)) status = 'at_risk';
  else status = 'compliant';
  return { applicableChecks, checksPassed, passRate, openFindings, overdueActions, status };
}

const today = () => new Date().toISOString().slice(0, 10);

export async function projectCompliance(db: Database, actor: Actor, projectId: string, asOf = today()) {
  await requireOnProject(db, actor, projectId, 'read');
  const [row] = await complianceByProject(db, actor.orgId, asOf, (p) => `${p}.id = $3`, [projectId]);
  return { projectId, oversight: row.oversight, ...complianceOf(row) };
}

function sum(rows: readonly ComplianceRow[]) {
  const assessed = rows.filter((row) => row.checksRecorded > 0);
  const add = (list: readonly ComplianceRow[], key: keyof ComplianceRow) =>
    list.reduce((total, row) => total + (row[key] as number), 0);
  return complianceOf({
    applicableChecks: add(assessed, 'applicableChecks'),
    checksPassed: add(assessed, 'checksPassed'),
    checksRecorded: add(assessed, 'checksRecorded'),
    low: add(rows, 'low'),
    medium: add(rows, 'medium'),
    high: add(rows, 'high'),
    critical: add(rows, 'critical'),
    overdueActions: add(rows, 'overdueActions'),
  });
}

function groupBy<K>(rows: readonly ComplianceRow[], key: (row: ComplianceRow) => K | null) {
  const groups = new Map<K, ComplianceRow[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

/** Compliance per portfolio and per program, over the projects the actor may read. */
export async function complianceRollup(db: Database, actor: Actor, asOf = today()) {
  const seen = visibility(actor);
  // The fixed parameters are $1 (organization) and $2 (date); the visibility filter numbers on from there.
  const params = new SqlParams();
  params.add(actor.orgId);
  params.add(asOf);
  const where = seen.all ? null : projectWithin('p', params, actor.orgId, seen);
  const rows = await complianceByProject(db, actor.orgId, asOf, () => where, params.values.slice(2));
  const byPortfolio = groupBy(rows, (row) => row.portfolioId);
  const byProgram = groupBy(rows, (row) => row.programId);
  const portfolioNames = await namesOf(db, 'portfolios', actor.orgId, [...byPortfolio.keys()]);
  const programNames = await namesOf(db, 'programs', actor.orgId, [...byProgram.keys()]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    portfolios: [...byPortfolio.entries()]
      .map(([id, list]) => ({
        id,
        name: portfolioNames.get(id)?.name ?? '',
        projects: list.length,
        ...sum(list),
      }))
      .sort(byName),
    programs: [...byProgram.entries()]
      .map(([id, list]) => ({
        id,
        name: programNames.get(id)?.name ?? '',
        portfolioId: programNames.get(id)?.portfolioId ?? list[0].portfolioId,
        projects: list.length,
        ...sum(list),
      }))
      .sort(byName),
  };
}
