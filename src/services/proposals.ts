import type { Database, Queryable } from '../db/connection.ts';
import { decentralizedUnitIds } from '../db/repositories/escalations.ts';
import { type ProposalDetail, proposals, replaceProposalDetail } from '../db/repositories/proposals.ts';
import { placementOfParents, programBelongsToPortfolio, projectWithin } from '../db/repositories/scope.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type Proposal,
  type ProposalStatus,
  proposalInput,
  proposalPatch,
  triageInput,
} from '../model/intake.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, type Capability, can, type ScopeChain, visibility } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Intake: anyone who may submit proposals in a portfolio drafts one with its business case and submits
 * it; the PMO above the proposal triages it — the nearest decentralized business unit's PMO, else the
 * organization's. A proposal that became a project (through a promoted scenario) is frozen.
 */

type Parents = { businessUnitId: string; portfolioId: string; programId: string | null };

const chainOf = (q: Queryable, actor: Actor, parents: Parents) => placementOfParents(q, actor.orgId, parents);

/** The scope of the PMO that triages proposals under `chain`: the nearest decentralized unit, else the organization. */
export async function triageChain(q: Queryable, orgId: string, chain: ScopeChain): Promise<ScopeChain> {
  const decentralized = await decentralizedUnitIds(q, orgId, [...chain.businessUnitIds]);
  const unit = chain.businessUnitIds.find((id) => decentralized.has(id));
  return { businessUnitIds: unit ? [unit] : [] };
}

async function authorized(q: Queryable, actor: Actor, id: string, capability: Capability): Promise<Proposal> {
  const proposal = await findRow<Proposal>(q, proposals, actor.orgId, id);
  if (!proposal) throw new NotFoundError('proposal', id);
  if (!can(actor, capability, await chainOf(q, actor, proposal))) throw new ForbiddenError();
  return proposal;
}

export async function listProposals(
  db: Database,
  actor: Actor,
  query: ListQuery & { status?: ProposalStatus; portfolioId?: string; businessUnitId?: string },
): Promise<Page<Proposal>> {
  const seen = visibility(actor);
  const page = await listRows<Proposal>(db, proposals, actor.orgId, {
    ...query,
    equals: { status: query.status, portfolioId: query.portfolioId, businessUnitId: query.businessUnitId },
    where: seen.all ? undefined : (params) => projectWithin('t', params, actor.orgId, seen),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export const getProposal = (db: Database, actor: Actor, id: string) => authorized(db, actor, id, 'read');

async function checkParents(q: Queryable, actor: Actor, parents: Parents): Promise<void> {
  if (
    parents.programId &&
    !(await programBelongsToPortfolio(q, actor.orgId, parents.programId, parents.portfolioId))
  )
    throw new ValidationError([{ field: 'programId', message: 'is not a program of the chosen portfolio' }]);
}

function checkDependencies(id: string | null, detail: Partial<ProposalDetail>): void {
  detail.dependencies?.forEach((d, k) => {
    if (id !== null && d.proposalId === id)
      throw new ValidationError([
        { field: `dependencies.${k}.proposalId`, message: 'a proposal cannot need itself' },
      ]);
  });
  const keys = (detail.dependencies ?? []).map((d) => d.proposalId ?? d.projectId);
  const twice = keys.findIndex((key, k) => keys.indexOf(key) !== k);
  if (twice >= 0)
    throw new ValidationError([{ field: `dependencies.${twice}`, message: 'appears more than once' }]);
}

const detailOf = (values: Partial<ProposalDetail>): Partial<ProposalDetail> => ({
  objectives: values.objectives,
  costLines: values.costLines,
  roleDemand: values.roleDemand,
  dependencies: values.dependencies,
});

export async function createProposal(db: Database, actor: Actor, body: unknown): Promise<Proposal> {
  const values = parseInput(proposalInput, body);
  checkDependencies(null, values);
  return createAudited<Proposal>(
    db,
    actor,
    'proposal',
    proposals,
    { ...values, submitterId: actor.userId, status: 'draft' },
    async (tx) => {
      if (!can(actor, 'submit_proposal', await chainOf(tx, actor, values))) throw new ForbiddenError();
      await checkParents(tx, actor, values);
    },
    (tx, id) => replaceProposalDetail(tx, actor.orgId, id, detailOf(values)),
  );
}

function requireOpen(proposal: Proposal): void {
  if (proposal.projectId)
    throw new ConflictError('the proposal has become a project; change the project instead');
}

export async function updateProposal(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Proposal> {
  const patch = parseInput(proposalPatch, body);
  checkDependencies(id, patch);
  return updateAudited<Proposal>(
    db,
    actor,
    'proposal',
    proposals,
    id,
    version,
    patch,
    async (tx, before) => {
      if (!can(actor, 'submit_proposal', await chainOf(tx, actor, before))) throw new ForbiddenError();
      requireOpen(before);
      const after = { ...before, ...patch };
      const moved =
        after.businessUnitId !== before.businessUnitId ||
        after.portfolioId !== before.portfolioId ||
        after.programId !== before.programId;
      if (moved) {
        if (!can(actor, 'submit_proposal', await chainOf(tx, actor, after))) throw new ForbiddenError();
        await checkParents(tx, actor, after);
      }
    },
    (tx) => replaceProposalDetail(tx, actor.orgId, id, detailOf(patch)),
  );
}

export async function deleteProposal(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Proposal>(db, actor, 'proposal', proposals, id, version, async (tx, before) => {
    if (!can(actor, 'submit_proposal', await chainOf(tx, actor, before))) throw new ForbiddenError();
    requireOpen(before);
  });
}

/** Draft (or deferred) → submitted: the proposal enters the PMO's triage queue. */
export async function submitProposal(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<Proposal> {
  return updateAudited<Proposal>(
    db,
    actor,
    'proposal',
    proposals,
    id,
    version,
    { status: 'submitted' },
    async (tx, before) => {
      if (!can(actor, 'submit_proposal', await chainOf(tx, actor, before))) throw new ForbiddenError();
      if (before.status !== 'draft' && before.status !== 'deferred')
        throw new ConflictError(
          `only a draft or deferred proposal can be submitted; this one is ${before.status}`,
        );
    },
  );
}

const triageFrom: Record<string, readonly ProposalStatus[]> = {
  in_triage: ['submitted', 'deferred'],
  accepted: ['submitted', 'in_triage', 'deferred'],
  rejected: ['submitted', 'in_triage', 'deferred'],
  deferred: ['submitted', 'in_triage'],
};

/** The PMO's decision: take into triage, accept for the portfolio, reject or defer, with a note. */
export async function triageProposal(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Proposal> {
  const { decision, note } = parseInput(triageInput, body);
  const patch = {
    status: decision,
    triageNote: note,
    triagedById: actor.userId,
    triagedAt: new Date().toISOString(),
  };
  return updateAudited<Proposal>(db, actor, 'proposal', proposals, id, version, patch, async (tx, before) => {
    const chain = await chainOf(tx, actor, before);
    if (!can(actor, 'read', chain) && !can(actor, 'triage_intake', chain))
      throw new NotFoundError('proposal', id);
    if (!can(actor, 'triage_intake', await triageChain(tx, actor.orgId, chain))) throw new ForbiddenError();
    requireOpen(before);
    if (!triageFrom[decision].includes(before.status))
      throw new ConflictError(`a ${before.status} proposal cannot be moved to ${decision}`);
  });
}
