import type { Gate, Lifecycle, Stage } from '../../model/governance.ts';
import type { Queryable } from '../connection.ts';
import type { TableSpec } from '../sql.ts';
import { versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export type LifecycleRow = Omit<Lifecycle, 'stages'>;

export const lifecycles: TableSpec = {
  table: 'lifecycles',
  columns: { name: 'name', description: 'description', businessUnitId: 'business_unit_id' },
  select: `SELECT ${versionColumns}, t.name, t.description, t.business_unit_id AS "businessUnitId",
      b.name AS "businessUnitName"
    FROM lifecycles t LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id`,
  // The organization's own lifecycle first, then the units' by name.
  sortable: { name: '(t.business_unit_id IS NOT NULL), b.name, t.name', createdAt: 't.created_at' },
  searchable: ['t.name'],
};

interface StageRow {
  lifecycleId: string;
  id: string;
  position: number;
  name: string;
  projectStage: Stage['projectStage'];
  gateId: string | null;
  gateName: string | null;
  deciderRole: Gate['deciderRole'] | null;
  pmoReviewRequired: boolean | null;
}

/** The stages of the lifecycles, in order, each with its gate and the gate's criteria. */
export async function loadStages(
  q: Queryable,
  orgId: string,
  lifecycleIds: readonly string[],
): Promise<Map<string, Stage[]>> {
  const byLifecycle = new Map<string, Stage[]>(lifecycleIds.map((id) => [id, []]));
  if (lifecycleIds.length === 0) return byLifecycle;
  const stages = await q.query<StageRow>(
    `SELECT s.lifecycle_id AS "lifecycleId", s.id, s.position, s.name, s.project_stage AS "projectStage",
       g.id AS "gateId", g.name AS "gateName", g.decider_role AS "deciderRole",
       g.pmo_review_required AS "pmoReviewRequired"
     FROM lifecycle_stages s LEFT JOIN lifecycle_gates g ON g.org_id = s.org_id AND g.stage_id = s.id
     WHERE s.org_id = $1 AND s.lifecycle_id = ANY($2::uuid[]) ORDER BY s.lifecycle_id, s.position`,
    [orgId, lifecycleIds],
  );
  const criteria = await q.query<{
    gateId: string;
    id: string;
    kind: 'document' | 'check';
    text: string;
    required: boolean;
  }>(
    `SELECT c.gate_id AS "gateId", c.id, c.kind, c.text, c.required
     FROM gate_criteria c JOIN lifecycle_gates g ON g.org_id = c.org_id AND g.id = c.gate_id
     JOIN lifecycle_stages s ON s.org_id = g.org_id AND s.id = g.stage_id
     WHERE c.org_id = $1 AND s.lifecycle_id = ANY($2::uuid[]) AND c.project_id IS NULL
     ORDER BY c.gate_id, c.position`,
    [orgId, lifecycleIds],
  );
  const criteriaByGate = new Map<string, Gate['criteria']>();
  for (const { gateId, ...criterion } of criteria) {
    if (!criteriaByGate.has(gateId)) criteriaByGate.set(gateId, []);
    criteriaByGate.get(gateId)!.push(criterion);
  }
  for (const row of stages)
    byLifecycle.get(row.lifecycleId)?.push({
      id: row.id,
      name: row.name,
      position: row.position,
      projectStage: row.projectStage,
      gate: row.gateId
        ? {
            id: row.gateId,
            name: row.gateName as string,
            deciderRole: row.deciderRole as Gate['deciderRole'],
            pmoReviewRequired: row.pmoReviewRequired as boolean,
            criteria: criteriaByGate.get(row.gateId) ?? [],
          }
        : null,
    });
  return byLifecycle;
}

export interface StageDefinition {
  id?: string | undefined;
  name: string;
  projectStage: string;
  gate: {
    name: string;
    deciderRole: string;
    pmoReviewRequired: boolean;
    criteria: Array<{ id?: string | undefined; kind: string; text: string; required: boolean }>;
  } | null;
}

/**
 * Makes the lifecycle's stages exactly `stages`: ids sent back keep their rows (so reviews keep their
 * gates), the rest are new, and stages left out are removed — which a reviewed gate refuses (restrict).
 */
export async function replaceStages(
  q: Queryable,
  orgId: string,
  lifecycleId: string,
  stages: readonly StageDefinition[],
): Promise<void> {
  const kept: string[] = [];
  const stageIds: string[] = [];
  for (const [position, stage] of stages.entries()) {
    let id: string | undefined;
    if (stage.id) {
      const rows = await q.query<{ id: string }>(
        `UPDATE lifecycle_stages SET name = $4, project_stage = $5, position = $6
         WHERE org_id = $1 AND id = $2 AND lifecycle_id = $3 RETURNING id`,
        [orgId, stage.id, lifecycleId, stage.name, stage.projectStage, position],
      );
      id = rows[0]?.id;
    }
    stageIds.push(id ?? uuidv7());
    if (id) kept.push(id);
  }
  await q.query(
    'DELETE FROM lifecycle_stages WHERE org_id = $1 AND lifecycle_id = $2 AND NOT (id = ANY($3::uuid[]))',
    [orgId, lifecycleId, kept],
  );
  for (const [position, stage] of stages.entries()) {
    const stageId = stageIds[position] as string;
    if (!kept.includes(stageId))
      await q.query(
        `INSERT INTO lifecycle_stages (org_id, id, lifecycle_id, position, name, project_stage)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [orgId, stageId, lifecycleId, position, stage.name, stage.projectStage],
      );
    await replaceGate(q, orgId, stageId, stage.gate);
  }
}

async function replaceGate(
  q: Queryable,
  orgId: string,
  stageId: string,
  gate: StageDefinition['gate'],
): Promise<void> {
  if (!gate) {
    await q.query('DELETE FROM lifecycle_gates WHERE org_id = $1 AND stage_id = $2', [orgId, stageId]);
    return;
  }
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO lifecycle_gates (org_id, id, stage_id, name, decider_role, pmo_review_required)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, stage_id) DO UPDATE
       SET name = EXCLUDED.name, decider_role = EXCLUDED.decider_role, pmo_review_required = EXCLUDED.pmo_review_required
     RETURNING id`,
    [orgId, uuidv7(), stageId, gate.name, gate.deciderRole, gate.pmoReviewRequired],
  );
  const gateId = (row as { id: string }).id;
  const kept: string[] = [];
  const ids: string[] = [];
  for (const [position, criterion] of gate.criteria.entries()) {
    let id: string | undefined;
    if (criterion.id) {
      const rows = await q.query<{ id: string }>(
        `UPDATE gate_criteria SET kind = $4, text = $5, required = $6, position = $7
         WHERE org_id = $1 AND id = $2 AND gate_id = $3 AND project_id IS NULL RETURNING id`,
        [orgId, criterion.id, gateId, criterion.kind, criterion.text, criterion.required, position],
      );
      id = rows[0]?.id;
    }
    ids.push(id ?? uuidv7());
    if (id) kept.push(id);
  }
  await q.query(
    `DELETE FROM gate_criteria WHERE org_id = $1 AND gate_id = $2 AND project_id IS NULL
       AND NOT (id = ANY($3::uuid[]))`,
    [orgId, gateId, kept],
  );
  for (const [position, criterion] of gate.criteria.entries()) {
    const id = ids[position] as string;
    if (kept.includes(id)) continue;
    await q.query(
      `INSERT INTO gate_criteria (org_id, id, gate_id, position, kind, text, required) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [orgId, id, gateId, position, criterion.kind, criterion.text, criterion.required],
    );
  }
}

/** The lifecycle of the nearest of `unitIds` (nearest first) that has one, else the organization's. */
export async function resolveLifecycleId(
  q: Queryable,
  orgId: string,
  unitIds: readonly string[],
): Promise<string | null> {
  const rows = await q.query<{ id: string; businessUnitId: string | null }>(
    `SELECT id, business_unit_id AS "businessUnitId" FROM lifecycles
     WHERE org_id = $1 AND (business_unit_id IS NULL OR business_unit_id = ANY($2::uuid[]))`,
    [orgId, unitIds],
  );
  for (const unitId of unitIds) {
    const own = rows.find((row) => row.businessUnitId === unitId);
    if (own) return own.id;
  }
  return rows.find((row) => row.businessUnitId === null)?.id ?? null;
}

/** A project's own criteria, after the lifecycle's at its gate (positions from 1000 keep them last). */
export async function insertProjectCriteria(
  q: Queryable,
  orgId: string,
  projectId: string,
  gateId: string,
  texts: readonly string[],
): Promise<void> {
  for (const [index, text] of texts.entries())
    await q.query(
      `INSERT INTO gate_criteria (org_id, id, gate_id, position, kind, text, required, project_id)
       VALUES ($1, $2, $3, $4, 'check', $5, true, $6)`,
      [orgId, uuidv7(), gateId, 1000 + index, text, projectId],
    );
}
