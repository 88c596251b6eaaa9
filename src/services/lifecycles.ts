import type { Database, Queryable } from '../db/connection.ts';
import {
  type LifecycleRow,
  lifecycles,
  loadStages,
  replaceStages,
  resolveLifecycleId,
} from '../db/repositories/lifecycles.ts';
import { businessUnitAncestors } from '../db/repositories/scope.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Lifecycle, lifecycleInput, lifecycleReplace } from '../model/governance.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can, isMember, organizationChain, type ScopeChain } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Lifecycles: the stages a project passes and the gates between them. The organization keeps one; a
 * business unit may keep its own, which its projects (and those of the units below it) follow instead.
 */

async function withStages(q: Queryable, orgId: string, rows: LifecycleRow[]): Promise<Lifecycle[]> {
  const stages = await loadStages(
    q,
    orgId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, stages: stages.get(row.id) ?? [] }));
}

export async function findLifecycle(q: Queryable, orgId: string, id: string): Promise<Lifecycle | null> {
  const row = await findRow<LifecycleRow>(q, lifecycles, orgId, id);
  return row ? ((await withStages(q, orgId, [row]))[0] as Lifecycle) : null;
}

/** Who shapes a lifecycle: the organization's PMO, or a unit's (decentralized) PMO for the unit's own. */
async function shaperChain(q: Queryable, orgId: string, businessUnitId: string | null): Promise<ScopeChain> {
  return businessUnitId
    ? { businessUnitIds: await businessUnitAncestors(q, orgId, businessUnitId) }
    : organizationChain;
}

async function requireShaper(q: Queryable, actor: Actor, businessUnitId: string | null): Promise<void> {
  if (!can(actor, 'manage_lifecycle', await shaperChain(q, actor.orgId, businessUnitId)))
    throw new ForbiddenError();
}

/** Every member reads the lifecycles: they are the organization's published way of working. */
export async function listLifecycles(
  db: Database,
  actor: Actor,
  query: ListQuery & { businessUnitId?: string },
): Promise<Page<Lifecycle>> {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const page = await listRows<LifecycleRow>(db, lifecycles, actor.orgId, {
    ...query,
    equals: { businessUnitId: query.businessUnitId },
  });
  return {
    items: await withStages(db, actor.orgId, page.items),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getLifecycle(db: Database, actor: Actor, id: string): Promise<Lifecycle> {
  const lifecycle = await findLifecycle(db, actor.orgId, id);
  if (!lifecycle) throw new NotFoundError('lifecycle', id);
  return lifecycle;
}

function checkStageOrder(stages: ReadonlyArray<{ projectStage: string }>): void {
  const order = ['proposal', 'initiation', 'planning', 'execution', 'closing', 'closed'];
  stages.forEach((stage, index) => {
    const previous = stages[index - 1];
    if (previous && order.indexOf(stage.projectStage) < order.indexOf(previous.projectStage))
      throw new ValidationError([
        {
          field: `stages.${index}.projectStage`,
          message: `maps before the previous stage (${previous.projectStage}); stages follow the project's course`,
        },
      ]);
  });
}

export async function createLifecycle(db: Database, actor: Actor, body: unknown): Promise<Lifecycle> {
  const input = parseInput(lifecycleInput, body);
  checkStageOrder(input.stages);
  const created = await createAudited<LifecycleRow>(
    db,
    actor,
    'lifecycle',
    lifecycles,
    { name: input.name, description: input.description, businessUnitId: input.businessUnitId },
    async (tx) => {
      if (input.businessUnitId) {
        const units = await businessUnitAncestors(tx, actor.orgId, input.businessUnitId);
        if (units.length === 0)
          throw new ValidationError([
            { field: 'businessUnitId', message: 'does not exist in this organization' },
          ]);
      }
      await requireShaper(tx, actor, input.businessUnitId);
    },
    (tx, id) => replaceStages(tx, actor.orgId, id, input.stages),
  );
  return getLifecycle(db, actor, created.id);
}

/** Replaces name, description and the whole stage list; a gate that has been reviewed cannot be dropped. */
export async function replaceLifecycle(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Lifecycle> {
  const input = parseInput(lifecycleReplace, body);
  checkStageOrder(input.stages);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findLifecycle(tx, actor.orgId, id);
      if (!before) throw new NotFoundError('lifecycle', id);
      await requireShaper(tx, actor, before.businessUnitId);
      if (version === undefined) throw new PreconditionRequiredError();
      const rows = await tx.query(
        `UPDATE lifecycles SET name = $3, description = $4, version = version + 1, updated_at = now()
         WHERE org_id = $1 AND id = $2 AND version = $5 RETURNING id`,
        [actor.orgId, id, input.name, input.description, version],
      );
      if (rows.length === 0)
        throw new ConflictError(
          `the record changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      await replaceStages(tx, actor.orgId, id, input.stages);
      const after = (await findLifecycle(tx, actor.orgId, id)) as Lifecycle;
      await audit(tx, actor, 'lifecycle', id, 'update', before, after);
      return after;
    }),
  );
}

export async function deleteLifecycle(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<LifecycleRow>(db, actor, 'lifecycle', lifecycles, id, version, (tx, before) =>
    requireShaper(tx, actor, before.businessUnitId),
  );
}

/** The lifecycle a project in `businessUnitId` follows: its unit's, the nearest ancestor's, or the organization's. */
export async function lifecycleForUnit(
  q: Queryable,
  orgId: string,
  businessUnitId: string,
): Promise<Lifecycle | null> {
  const id = await resolveLifecycleId(q, orgId, await businessUnitAncestors(q, orgId, businessUnitId));
  return id ? findLifecycle(q, orgId, id) : null;
}
