import type { Database, Queryable } from '../db/connection.ts';
import { insertAuditEntry } from '../db/repositories/audit.ts';
import { deleteRow, findRow, insertRow, type TableSpec, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { EntityType } from '../model/common.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionRequiredError,
  ServiceError,
  ValidationError,
} from './errors.ts';
import type { Actor } from './policy.ts';

/**
 * The write path every entity shares: authorize, write, read back, audit, all in one transaction, so a
 * refused or failed change leaves nothing behind and every change has its audit entry.
 */
export interface Audited {
  id: string;
  version: number;
}

export async function createAudited<T extends Audited>(
  db: Database,
  actor: Actor,
  entityType: EntityType,
  spec: TableSpec,
  values: Record<string, unknown>,
  authorize: (tx: Queryable) => Promise<void>,
  afterInsert?: (tx: Queryable, id: string) => Promise<void>,
): Promise<T> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorize(tx);
      const id = uuidv7();
      await insertRow(tx, spec, actor.orgId, id, values);
      if (afterInsert) await afterInsert(tx, id);
      const after = (await findRow<T>(tx, spec, actor.orgId, id)) as T;
      await audit(tx, actor, entityType, id, 'create', null, after);
      return after;
    }),
  );
}

export async function updateAudited<T extends Audited>(
  db: Database,
  actor: Actor,
  entityType: EntityType,
  spec: TableSpec,
  id: string,
  expectedVersion: number | undefined,
  patch: Record<string, unknown>,
  authorize: (tx: Queryable, before: T) => Promise<void>,
  /** Work that follows from the change (derived figures), inside the same transaction, before the read-back. */
  afterUpdate?: (tx: Queryable, before: T) => Promise<void>,
): Promise<T> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<T>(tx, spec, actor.orgId, id);
      if (!before) throw new NotFoundError(entityType, id);
      await authorize(tx, before);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      if (!(await updateRow(tx, spec, actor.orgId, id, expectedVersion, patch))) throw staleVersion(before);
      if (afterUpdate) await afterUpdate(tx, before);
      const after = (await findRow<T>(tx, spec, actor.orgId, id)) as T;
      await audit(tx, actor, entityType, id, 'update', before, after);
      return after;
    }),
  );
}

export async function deleteAudited<T extends Audited>(
  db: Database,
  actor: Actor,
  entityType: EntityType,
  spec: TableSpec,
  id: string,
  expectedVersion: number | undefined,
  authorize: (tx: Queryable, before: T) => Promise<void>,
  /** Work that follows from the removal (derived figures), inside the same transaction. */
  afterDelete?: (tx: Queryable, before: T) => Promise<void>,
): Promise<void> {
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<T>(tx, spec, actor.orgId, id);
      if (!before) throw new NotFoundError(entityType, id);
      await authorize(tx, before);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      if (!(await deleteRow(tx, spec, actor.orgId, id, expectedVersion))) throw staleVersion(before);
      if (afterDelete) await afterDelete(tx, before);
      await audit(tx, actor, entityType, id, 'delete', before, null);
    }),
  );
}

export function audit(
  tx: Queryable,
  actor: Actor,
  entityType: EntityType,
  entityId: string,
  action: 'create' | 'update' | 'delete',
  before: unknown,
  after: unknown,
): Promise<void> {
  return insertAuditEntry(tx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    actorLabel: actor.label,
    entityType,
    entityId,
    action,
    before,
    after,
  });
}

function staleVersion(current: Audited): ConflictError {
  return new ConflictError(
    `the record changed since you read it (it is now at version ${current.version}); reload and try again`,
  );
}

const snakeToCamel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The field a constraint guards, from PostgreSQL's default names (`projects_org_id_code_key` → `code`). */
export function fieldOfConstraint(table: string | undefined, constraint: string | undefined): string {
  if (!constraint) return '(body)';
  let name = constraint;
  if (table && name.startsWith(`${table}_`)) name = name.slice(table.length + 1);
  name = name.replace(/_(fkey|key|check|pkey)$/, '').replace(/^org_id_/, '');
  return snakeToCamel(name);
}

/** Constraints whose name does not say the field: partial or expression indexes. */
const constraintFields: Record<string, { field: string; message: string }> = {
  role_grants_unique: { field: 'role', message: 'is already granted to this person at this scope' },
};

/** Turns constraint violations into the 4xx errors they are; anything else stays a server error. */
export async function translateDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const pgError = error as { code?: string; constraint?: string; table?: string; detail?: string };
    const field = fieldOfConstraint(pgError.table, pgError.constraint);
    const known = pgError.constraint ? constraintFields[pgError.constraint] : undefined;
    if (known && pgError.code === '23505')
      throw new ConflictError(`${known.field} ${known.message}`, [known]);
    switch (pgError.code) {
      case '23505':
        throw new ConflictError(`${field} is already taken`, [{ field, message: 'is already taken' }]);
      case '23503':
        if (/is still referenced/.test(pgError.detail ?? ''))
          throw new ConflictError(
            `it is still referenced from ${pgError.table ?? 'another record'}; remove those first`,
          );
        throw new ValidationError([{ field, message: 'does not exist in this organization' }]);
      case '23514':
        throw new ValidationError([{ field, message: 'is out of range' }]);
      case '22P02':
        throw new ValidationError([{ field: '(body)', message: 'malformed value' }]);
    }
    throw error;
  }
}
