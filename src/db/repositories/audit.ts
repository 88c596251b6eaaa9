import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entityType: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
}

export async function insertAuditEntry(
  q: Queryable,
  entry: {
    orgId: string;
    actorId: string | null;
    actorLabel: string;
    entityType: string;
    entityId: string;
    action: 'create' | 'update' | 'delete';
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (org_id, id, actor_id, actor_label, entity_type, entity_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.orgId,
      uuidv7(),
      entry.actorId,
      entry.actorLabel,
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    ],
  );
}

export async function listAuditEntries(
  q: Queryable,
  orgId: string,
  entityType: string,
  entityId: string,
  page: number,
  pageSize: number,
): Promise<{ items: AuditEntry[]; total: number }> {
  // A task's history includes the leveling runs that changed its leveling delay: leveling audits one
  // entry per run, and the run keeps, per task it changed, the delay it replaced.
  const where =
    entityType === 'task'
      ? `a.org_id = $1 AND ((a.entity_type = $2 AND a.entity_id = $3)
         OR (a.entity_type = 'leveling_run' AND a.action = 'update' AND a.entity_id IN (
           SELECT r.id FROM leveling_runs r WHERE r.org_id = $1 AND r.replaced_delays ? $3::text)))`
      : 'a.org_id = $1 AND a.entity_type = $2 AND a.entity_id = $3';
  const [items, count] = await Promise.all([
    q.query<AuditEntry>(
      `SELECT a.id, ${isoTimestamp('a.at')} AS at, a.actor_id AS "actorId", coalesce(u.name, a.actor_label) AS "actorName",
         a.entity_type AS "entityType", a.entity_id AS "entityId", a.action, a.before, a.after
       FROM audit_log a LEFT JOIN users u ON u.org_id = a.org_id AND u.id = a.actor_id
       WHERE ${where}
       ORDER BY a.id DESC LIMIT $4 OFFSET $5`,
      [orgId, entityType, entityId, pageSize, (page - 1) * pageSize],
    ),
    q.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log a WHERE ${where}`, [
      orgId,
      entityType,
      entityId,
    ]),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}
