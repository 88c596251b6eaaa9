import type { Database, Queryable } from '../db/connection.ts';
import { budgetEnvelopes, envelopeCheck, envelopeExists, firstDay } from '../db/repositories/finance.ts';
import { placementOfPortfolio, placementOfProgram } from '../db/repositories/scope.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Envelope, type EnvelopeCheck, envelopeInput, envelopePatch } from '../model/finance.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, can } from './policy.ts';
import { readablePortfolio, readableProgram } from './structure.ts';
import { parseInput } from './validate.ts';

/**
 * Envelopes: what a program's or a portfolio's projects may budget per month (and category). Those
 * who may change the program (program manager and above) keep a program's; portfolio managers and
 * PMO administrators keep a portfolio's. The check sums the projects' budget lines against them.
 */

interface EnvelopeScope {
  programId: string | null;
  portfolioId: string | null;
}

async function requireEnvelopeKeeper(q: Queryable, actor: Actor, scope: EnvelopeScope) {
  if (scope.programId) {
    const placement = await placementOfProgram(q, actor.orgId, scope.programId);
    if (!placement)
      throw new ValidationError([{ field: 'programId', message: 'does not exist in this organization' }]);
    if (!can(actor, 'update_program', placement) || !can(actor, 'manage_finance', placement))
      throw new ForbiddenError();
    return;
  }
  const placement = await placementOfPortfolio(q, actor.orgId, scope.portfolioId as string);
  if (!placement)
    throw new ValidationError([{ field: 'portfolioId', message: 'does not exist in this organization' }]);
  if (!can(actor, 'update_portfolio', placement) || !can(actor, 'manage_finance', placement))
    throw new ForbiddenError();
}

async function requireEnvelopeReader(q: Queryable, actor: Actor, scope: EnvelopeScope) {
  if (scope.programId) await readableProgram(q, actor, scope.programId);
  else await readablePortfolio(q, actor, scope.portfolioId as string);
}

export async function listEnvelopes(
  db: Database,
  actor: Actor,
  query: ListQuery & { programId?: string; portfolioId?: string },
): Promise<Page<Envelope>> {
  if (!query.programId && !query.portfolioId)
    throw new ValidationError([{ field: 'programId', message: 'give a programId or a portfolioId' }]);
  const scope = {
    programId: query.programId ?? null,
    portfolioId: query.programId ? null : (query.portfolioId ?? null),
  };
  await requireEnvelopeReader(db, actor, scope);
  const page = await listRows<Envelope>(db, budgetEnvelopes, actor.orgId, {
    ...query,
    equals: scope.programId ? { programId: scope.programId } : { portfolioId: scope.portfolioId },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getEnvelope(db: Database, actor: Actor, id: string): Promise<Envelope> {
  const envelope = await findRow<Envelope>(db, budgetEnvelopes, actor.orgId, id);
  if (!envelope) throw new NotFoundError('budget envelope', id);
  await requireEnvelopeReader(db, actor, envelope);
  return envelope;
}

export async function createEnvelope(db: Database, actor: Actor, body: unknown): Promise<Envelope> {
  const values = parseInput(envelopeInput, body);
  return createAudited<Envelope>(
    db,
    actor,
    'budget_envelope',
    budgetEnvelopes,
    { ...values, period: firstDay(values.period) },
    async (tx) => {
      await requireEnvelopeKeeper(tx, actor, values);
      if (await envelopeExists(tx, actor.orgId, values))
        throw new ConflictError(
          `there is already an envelope for ${values.period} and ${values.category ?? 'all categories'}; change it`,
          [{ field: 'period', message: 'already has an envelope of this category' }],
        );
    },
  );
}

export async function updateEnvelope(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Envelope> {
  const patch = parseInput(envelopePatch, body);
  return updateAudited<Envelope>(
    db,
    actor,
    'budget_envelope',
    budgetEnvelopes,
    id,
    version,
    patch,
    (tx, before) => requireEnvelopeKeeper(tx, actor, before),
  );
}

export async function deleteEnvelope(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Envelope>(db, actor, 'budget_envelope', budgetEnvelopes, id, version, (tx, before) =>
    requireEnvelopeKeeper(tx, actor, before),
  );
}

export async function checkEnvelopes(
  db: Database,
  actor: Actor,
  scopeType: 'program' | 'portfolio',
  scopeId: string,
): Promise<EnvelopeCheck> {
  const scope =
    scopeType === 'program'
      ? { programId: scopeId, portfolioId: null }
      : { programId: null, portfolioId: scopeId };
  await requireEnvelopeReader(db, actor, scope);
  const rows = (await envelopeCheck(db, actor.orgId, scope)).map((r) => ({
    ...r,
    category: r.category as EnvelopeCheck['rows'][number]['category'],
    remaining: r.envelope - r.budget,
    over: r.budget > r.envelope + 0.005,
  }));
  return { scopeType, scopeId, rows, overCount: rows.filter((r) => r.over).length };
}
