import type { Database, Queryable } from '../db/connection.ts';
import { objectiveNames, roleNames } from '../db/repositories/candidates.ts';
import { replaceProjectObjectives } from '../db/repositories/project-links.ts';
import { proposals, setProposalStatus } from '../db/repositories/proposals.ts';
import {
  markPromoted,
  replaceItemFlags,
  saveOptimization,
  scenarios,
  scenarioVisibleSql,
} from '../db/repositories/scenarios.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import type { Proposal } from '../model/intake.ts';
import {
  type Comparison,
  compareInput,
  type Scenario,
  scenarioInput,
  scenarioPatch,
} from '../model/scenario.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { settingsChain, solve } from './optimization.ts';
import { type Actor, type Capability, can, visibility } from './policy.ts';
import { loadCandidates, monthIndex, monthLabels } from './portfolio-candidates.ts';
import { createProject } from './projects.ts';
import { parseInput } from './validate.ts';

/**
 * Scenarios: a saved selection problem (limits, flags) with the optimizer's last answer. Those who
 * manage scenarios where the scenario applies (its portfolio, or the organization) build, run and
 * promote them; whoever reads that scope reads them. Promotion turns the accepted proposals it selected
 * into projects and flags the running projects it left out for a hold decision at their next gate.
 */

async function authorized(q: Queryable, actor: Actor, id: string, capability: Capability): Promise<Scenario> {
  const scenario = await findRow<Scenario>(q, scenarios, actor.orgId, id);
  if (!scenario) throw new NotFoundError('scenario', id);
  const chain = await settingsChain(q, actor.orgId, scenario.portfolioId);
  if (!can(actor, 'read', chain)) throw new NotFoundError('scenario', id);
  if (!can(actor, capability, chain)) throw new ForbiddenError();
  return scenario;
}

export async function listScenarios(
  db: Database,
  actor: Actor,
  query: ListQuery & { portfolioId?: string },
): Promise<Page<Scenario>> {
  const seen = visibility(actor);
  const page = await listRows<Scenario>(db, scenarios, actor.orgId, {
    ...query,
    equals: { portfolioId: query.portfolioId },
    where: seen.all ? undefined : (params) => scenarioVisibleSql(params, actor.orgId, seen),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export const getScenario = (db: Database, actor: Actor, id: string) => authorized(db, actor, id, 'read');

const flagRows = (
  items: { candidate: { type: string; id: string }; mandatory: boolean; excluded: boolean }[],
) =>
  items.map((i) => ({
    proposalId: i.candidate.type === 'proposal' ? i.candidate.id : null,
    projectId: i.candidate.type === 'project' ? i.candidate.id : null,
    mandatory: i.mandatory,
    excluded: i.excluded,
  }));

function checkFlags(items: { mandatory: boolean; excluded: boolean }[]): void {
  items.forEach((item, k) => {
    if (item.mandatory && item.excluded)
      throw new ValidationError([{ field: `items.${k}`, message: 'cannot be both mandatory and excluded' }]);
  });
}

const storedValues = (values: { budget?: unknown; capacity?: unknown }) => ({
  ...values,
  budget: values.budget === undefined ? undefined : JSON.stringify(values.budget),
  capacity: values.capacity === undefined ? undefined : JSON.stringify(values.capacity),
});

export async function createScenario(db: Database, actor: Actor, body: unknown): Promise<Scenario> {
  const values = parseInput(scenarioInput, body);
  checkFlags(values.items);
  return createAudited<Scenario>(
    db,
    actor,
    'scenario',
    scenarios,
    storedValues(values),
    async (tx) => {
      if (!can(actor, 'manage_scenarios', await settingsChain(tx, actor.orgId, values.portfolioId)))
        throw new ForbiddenError();
    },
    (tx, id) => replaceItemFlags(tx, actor.orgId, id, flagRows(values.items)),
  );
}

export async function updateScenario(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Scenario> {
  const patch = parseInput(scenarioPatch, body);
  if (patch.items) checkFlags(patch.items);
  return updateAudited<Scenario>(
    db,
    actor,
    'scenario',
    scenarios,
    id,
    version,
    storedValues(patch),
    async (tx, before) => {
      if (!can(actor, 'manage_scenarios', await settingsChain(tx, actor.orgId, before.portfolioId)))
        throw new ForbiddenError();
      if (patch.portfolioId !== undefined && patch.portfolioId !== before.portfolioId)
        if (!can(actor, 'manage_scenarios', await settingsChain(tx, actor.orgId, patch.portfolioId)))
          throw new ForbiddenError();
      if (before.status === 'promoted')
        throw new ConflictError('the scenario has been promoted; copy it to change it');
      const periods = patch.periods ?? before.periods;
      const budget = patch.budget ?? before.budget;
      const capacity = patch.capacity ?? before.capacity;
      if (budget.length > periods)
        throw new ValidationError([{ field: 'budget', message: 'has more entries than periods' }]);
      if (Object.values(capacity).some((s) => s.length > periods))
        throw new ValidationError([
          { field: 'capacity', message: 'has a role with more entries than periods' },
        ]);
    },
    async (tx) => {
      if (patch.items) await replaceItemFlags(tx, actor.orgId, id, flagRows(patch.items));
    },
  );
}

export const deleteScenario = (db: Database, actor: Actor, id: string, version: number | undefined) =>
  deleteAudited<Scenario>(db, actor, 'scenario', scenarios, id, version, async (tx, before) => {
    if (!can(actor, 'manage_scenarios', await settingsChain(tx, actor.orgId, before.portfolioId)))
      throw new ForbiddenError();
  });

/** Runs the optimizer on the scenario's settings and today's candidates, and stores the answer. */
export async function optimizeScenario(db: Database, actor: Actor, id: string): Promise<Scenario> {
  // The search takes seconds: it runs on a snapshot outside any transaction, and the answer is
  // saved only if the scenario has not changed meanwhile.
  const before = await authorized(db, actor, id, 'manage_scenarios');
  if (before.status === 'promoted')
    throw new ConflictError('the scenario has been promoted; its selection is final');
  const set = await loadCandidates(db, actor, { ...before, everything: true });
  const current = new Set(set.candidates.map((c) => c.candidateId));
  const settings = {
    ...before,
    // A flag on something that is no longer a candidate (rejected since, or finished) is moot.
    items: before.items
      .filter((i) => (i.mandatory || i.excluded) && current.has(i.candidateId))
      .map((i) => ({
        candidate: { type: i.candidateType, id: i.candidateId },
        mandatory: i.mandatory,
        excluded: i.excluded,
      })),
  };
  const result = await solve(db, actor.orgId, set, settings);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const fresh = await authorized(tx, actor, id, 'manage_scenarios');
      if (fresh.version !== before.version)
        throw new ConflictError('the scenario changed while it was being optimized; run it again');
      const verdicts = result.selected.map((s) => ({
        proposalId: s.candidateType === 'proposal' ? s.candidateId : null,
        projectId: s.candidateType === 'project' ? s.candidateId : null,
        included: true,
        shift: s.shift,
      }));
      await saveOptimization(tx, actor.orgId, id, verdicts, result);
      const after = (await findRow<Scenario>(tx, scenarios, actor.orgId, id)) as Scenario;
      await audit(tx, actor, 'scenario', id, 'update', { result: before.result }, { result: after.result });
      return after;
    }),
  );
}

/** Side by side: score, cost per month, capacity use per role and objectives covered. */
export async function compareScenarios(db: Database, actor: Actor, body: unknown): Promise<Comparison> {
  const { ids } = parseInput(compareInput, body);
  const list: Scenario[] = [];
  for (const id of ids) list.push(await authorized(db, actor, id, 'read'));
  const start = list.map((s) => s.horizonStart).sort()[0];
  const end = Math.max(...list.map((s) => monthIndex(start, s.horizonStart) + s.periods));
  const months = monthLabels(start, end);
  const roleIds = [...new Set(list.flatMap((s) => Object.keys(s.capacity)))];
  const roles = await roleNames(db, actor.orgId, roleIds);
  const objectives = await objectiveNames(db, actor.orgId);
  const objectiveLinks = await db.query<{ candidateId: string; objectiveId: string }>(
    `SELECT proposal_id AS "candidateId", objective_id AS "objectiveId" FROM proposal_objectives WHERE org_id = $1 AND contribution > 0
     UNION ALL SELECT project_id, objective_id FROM project_objectives WHERE org_id = $1 AND contribution > 0`,
    [actor.orgId],
  );
  const onMonths = (scenario: Scenario, series: readonly (number | null)[], fill: number | null) => {
    const offset = monthIndex(start, scenario.horizonStart);
    return months.map((_, k) =>
      k - offset >= 0 && k - offset < scenario.periods ? (series[k - offset] ?? fill) : fill,
    );
  };
  return {
    months,
    scenarios: list.map((s) => {
      const result = s.result;
      const selected = new Set((result?.selected ?? []).map((x) => x.candidateId));
      const covered = new Map<string, number>();
      for (const link of objectiveLinks)
        if (selected.has(link.candidateId))
          covered.set(link.objectiveId, (covered.get(link.objectiveId) ?? 0) + 1);
      const cost = onMonths(s, result?.costPerPeriod ?? [], 0) as number[];
      return {
        id: s.id,
        name: s.name,
        status: s.status,
        optimized: result !== null,
        totalScore: result?.totalScore ?? 0,
        method: result?.method ?? null,
        gap: result?.gap ?? null,
        selectedCount: selected.size,
        totalCost: cost.reduce((a, b) => a + b, 0),
        costPerPeriod: cost,
        budgetPerPeriod: onMonths(s, s.budget, null),
        capacityUse: Object.keys(s.capacity).map((roleId) => {
          const used = onMonths(s, result?.demandPerRole[roleId] ?? [], 0) as number[];
          const limit = onMonths(s, s.capacity[roleId], null);
          const ratios = used.flatMap((u, k) => (limit[k] ? [(u / (limit[k] as number)) * 100] : []));
          return {
            roleId,
            roleName: roles.get(roleId) ?? roleId,
            used,
            limit,
            peakPercent: ratios.length > 0 ? Math.max(...ratios) : null,
          };
        }),
        objectivesCovered: [...covered]
          .map(([objectiveId, candidates]) => ({
            objectiveId,
            name: objectives.get(objectiveId) ?? '',
            candidates,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    }),
  };
}

/** A Database whose transactions join `tx`, so services called from here commit or roll back with it. */
function joined(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (work) => work(tx),
    close: async () => {},
  };
}

const addMonths = (month: string, count: number) => `${monthLabels(month, count + 1)[count]}-01`;
const lastDayBefore = (month: string) => {
  const day = new Date(`${month}T00:00:00Z`);
  day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
};

/**
 * Promotes the scenario to the plan, all or nothing: every accepted proposal it selected becomes a
 * project (start moved by its shift), and every running project it left out is flagged for a hold
 * decision — not stopped; stopping is the stage gates' decision.
 */
export async function promoteScenario(db: Database, actor: Actor, id: string, version: number | undefined) {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await authorized(tx, actor, id, 'manage_scenarios');
      if (version === undefined) throw new PreconditionRequiredError();
      if (before.version !== version)
        throw new ConflictError(
          `the record changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      if (before.status === 'promoted') throw new ConflictError('the scenario has already been promoted');
      const result = before.result;
      if (!result) throw new ConflictError('run the optimization before promoting the scenario');
      const inner = joined(db, tx);
      const createdProjects: { proposalId: string; projectId: string; code: string }[] = [];
      const skipped: string[] = [];
      for (const selected of result.selected) {
        if (selected.candidateType !== 'proposal') continue;
        const proposal = await findRow<Proposal>(tx, proposals, actor.orgId, selected.candidateId);
        if (!proposal || proposal.projectId) continue;
        if (proposal.status !== 'accepted') {
          skipped.push(`${proposal.code} (${proposal.status})`);
          continue;
        }
        const firstCost = proposal.costLines[0]?.period ?? proposal.proposedStart;
        const plannedStart = proposal.proposedStart ?? firstCost;
        const start = plannedStart ? addMonths(plannedStart, selected.shift) : null;
        const project = await createProject(inner, actor, {
          code: proposal.code,
          name: proposal.title,
          description: proposal.businessCase.slice(0, 8000),
          sponsorId: proposal.sponsorId,
          businessUnitId: proposal.businessUnitId,
          portfolioId: proposal.portfolioId,
          programId: proposal.programId,
          stage: 'initiation',
          targetStart: start,
          targetFinish: start ? lastDayBefore(addMonths(start, proposal.durationMonths)) : null,
          budget: proposal.totalCost,
        });
        await replaceProjectObjectives(
          tx,
          actor.orgId,
          project.id,
          proposal.objectives.map((o) => ({ objectiveId: o.objectiveId, contribution: o.contribution })),
        );
        await setProposalStatus(tx, actor.orgId, proposal.id, { status: 'accepted', projectId: project.id });
        const after = await findRow<Proposal>(tx, proposals, actor.orgId, proposal.id);
        await audit(tx, actor, 'proposal', proposal.id, 'update', proposal, after);
        createdProjects.push({ proposalId: proposal.id, projectId: project.id, code: project.code });
      }
      if (skipped.length > 0)
        throw new ConflictError(
          `the scenario selects proposals that are not accepted yet: ${skipped.join(', ')}; triage them (or exclude them and optimize again) before promoting`,
        );
      const held = result.rejected.filter((r) => r.candidateType === 'project');
      await markPromoted(
        tx,
        actor.orgId,
        id,
        actor.userId,
        held.map((r) => r.candidateId),
      );
      const after = (await findRow<Scenario>(tx, scenarios, actor.orgId, id)) as Scenario;
      await audit(tx, actor, 'scenario', id, 'update', before, after);
      return {
        scenario: after,
        createdProjects,
        holdFlagged: held.map((r) => ({ projectId: r.candidateId, code: r.code, name: r.title })),
      };
    }),
  );
}
