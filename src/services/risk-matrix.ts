import type { Database, Queryable } from '../db/connection.ts';
import {
  findMatrix,
  insertMatrixIfMissing,
  type StoredMatrix,
  updateMatrix,
} from '../db/repositories/risks.ts';
import { type RiskMatrix, riskMatrixInput } from '../model/risk.ts';
import type { FieldError } from './errors.ts';
import { ConflictError, ForbiddenError, PreconditionRequiredError, ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

const LABELS = ['Very low', 'Low', 'Medium', 'High', 'Very high'];

/** The 5×5 matrix an organization starts with: score = probability level × impact level. */
export function defaultMatrix(): Omit<StoredMatrix, 'version'> {
  const upTo = [0.1, 0.3, 0.5, 0.7, 1];
  const scores = upTo.map((_, p) => LABELS.map((_, i) => (p + 1) * (i + 1)));
  return {
    probabilityLevels: LABELS.map((label, index) => ({ level: index + 1, label, upTo: upTo[index] })),
    impactLevels: LABELS.map((label, index) => ({ level: index + 1, label })),
    scores,
    bands: scores.map((row) => row.map((score) => (score >= 15 ? 'red' : score >= 5 ? 'amber' : 'green'))),
  };
}

/** The organization's matrix, made with the default on first use. */
export async function loadMatrix(q: Queryable, orgId: string): Promise<StoredMatrix> {
  const found = await findMatrix(q, orgId);
  if (found) return found;
  await insertMatrixIfMissing(q, orgId, defaultMatrix());
  return (await findMatrix(q, orgId)) as StoredMatrix;
}

export async function getRiskMatrix(db: Database, actor: Actor): Promise<RiskMatrix> {
  return loadMatrix(db, actor.orgId);
}

/** The probability level a 0..1 probability falls in: the first whose upper bound holds it. */
export function probabilityLevelOf(matrix: StoredMatrix, probability: number): number {
  const found = matrix.probabilityLevels.find((level) => probability <= level.upTo);
  return (found ?? matrix.probabilityLevels[matrix.probabilityLevels.length - 1]).level;
}

export interface Assessment {
  probability: number;
  impacts: Record<string, number>;
}

/**
 * Levels and score of an assessment on the matrix; every impact outside the matrix is named.
 * The score is the cell of the probability level and the worst impact.
 */
export function assess(
  matrix: StoredMatrix,
  assessment: Assessment,
): { probabilityLevel: number; impactLevel: number; score: number } {
  const impactCount = matrix.impactLevels.length;
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(assessment.impacts))
    if (value < 1 || value > impactCount)
      errors.push({ field, message: `must be an impact level of the matrix, 1 to ${impactCount}` });
  if (assessment.probability < 0 || assessment.probability > 1)
    errors.push({ field: 'probability', message: 'must be between 0 and 1' });
  if (errors.length > 0) throw new ValidationError(errors);
  const probabilityLevel = probabilityLevelOf(matrix, assessment.probability);
  const impactLevel = Math.max(...Object.values(assessment.impacts));
  return { probabilityLevel, impactLevel, score: matrix.scores[probabilityLevel - 1][impactLevel - 1] };
}

function checkShape(matrix: Omit<StoredMatrix, 'version'>): void {
  const errors: FieldError[] = [];
  const p = matrix.probabilityLevels.length;
  const i = matrix.impactLevels.length;
  matrix.probabilityLevels.forEach((level, index) => {
    if (level.level !== index + 1)
      errors.push({ field: `probabilityLevels.${index}.level`, message: `must be ${index + 1}` });
    const previous = index > 0 ? matrix.probabilityLevels[index - 1].upTo : 0;
    if (index > 0 && level.upTo <= previous)
      errors.push({ field: `probabilityLevels.${index}.upTo`, message: 'must be above the level below' });
  });
  if (matrix.probabilityLevels[p - 1]?.upTo !== 1)
    errors.push({ field: `probabilityLevels.${p - 1}.upTo`, message: 'the top level must reach 1' });
  matrix.impactLevels.forEach((level, index) => {
    if (level.level !== index + 1)
      errors.push({ field: `impactLevels.${index}.level`, message: `must be ${index + 1}` });
  });
  for (const key of ['scores', 'bands'] as const) {
    const grid = matrix[key] as unknown[][];
    if (grid.length !== p)
      errors.push({ field: key, message: `must have ${p} rows, one per probability level` });
    grid.forEach((row, index) => {
      if (row.length !== i)
        errors.push({ field: `${key}.${index}`, message: `must have ${i} cells, one per impact level` });
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * Replaces the matrix (the PMO's setting) and re-scores every risk on it in the same transaction; a
 * risk whose impact no longer fits the matrix refuses the change.
 */
export async function updateRiskMatrix(
  db: Database,
  actor: Actor,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<RiskMatrix> {
  const matrix = parseInput(riskMatrixInput, input);
  checkShape(matrix);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
      const before = await loadMatrix(tx, actor.orgId);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      if (!(await updateMatrix(tx, actor.orgId, expectedVersion, matrix)))
        throw new ConflictError(`the matrix changed since you read it (now version ${before.version})`);
      const after = (await findMatrix(tx, actor.orgId)) as StoredMatrix;
      await rescoreAll(tx, actor.orgId, after);
      const orgId = actor.orgId;
      await audit(tx, actor, 'risk_matrix', orgId, 'update', before, after);
      return after;
    }),
  );
}

async function rescoreAll(tx: Queryable, orgId: string, matrix: StoredMatrix): Promise<void> {
  const rows = await tx.query<{
    id: string;
    reference: number;
    p: number;
    s: number;
    c: number;
    sc: number;
    q: number;
    rp: number | null;
    rs: number | null;
    rc: number | null;
    rsc: number | null;
    rq: number | null;
  }>(
    `SELECT id, reference, probability::float8 AS p, impact_schedule AS s, impact_cost AS c, impact_scope AS sc,
       impact_quality AS q, residual_probability::float8 AS rp, residual_impact_schedule AS rs,
       residual_impact_cost AS rc, residual_impact_scope AS rsc, residual_impact_quality AS rq
     FROM risks WHERE org_id = $1`,
    [orgId],
  );
  const n = matrix.impactLevels.length;
  const misfits = rows.filter(
    (r) => Math.max(r.s, r.c, r.sc, r.q, r.rs ?? 1, r.rc ?? 1, r.rsc ?? 1, r.rq ?? 1) > n,
  );
  if (misfits.length > 0)
    throw new ValidationError([
      {
        field: 'impactLevels',
        message: `${misfits.length} risk(s) use an impact level above ${n} (R-${misfits
          .slice(0, 5)
          .map((r) => r.reference)
          .join(', R-')}); lower their impacts first`,
      },
    ]);
  for (const r of rows) {
    const inherent = assess(matrix, {
      probability: r.p,
      impacts: { impactSchedule: r.s, impactCost: r.c, impactScope: r.sc, impactQuality: r.q },
    });
    const residual =
      r.rp === null
        ? null
        : assess(matrix, {
            probability: r.rp,
            impacts: { s: r.rs ?? r.s, c: r.rc ?? r.c, sc: r.rsc ?? r.sc, q: r.rq ?? r.q },
          });
    await tx.query(
      `UPDATE risks SET probability_level = $3, impact_level = $4, score = $5, residual_probability_level = $6,
         residual_impact_level = $7, residual_score = $8 WHERE org_id = $1 AND id = $2`,
      [
        orgId,
        r.id,
        inherent.probabilityLevel,
        inherent.impactLevel,
        inherent.score,
        residual?.probabilityLevel ?? null,
        residual?.impactLevel ?? null,
        residual?.score ?? null,
      ],
    );
  }
}
