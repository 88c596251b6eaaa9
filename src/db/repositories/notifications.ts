import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export async function insertNotification(
  q: Queryable,
  orgId: string,
  row: { userId: string; kind: string; entityType: string; entityId: string; message: string },
): Promise<void> {
  await q.query(
    `INSERT INTO notifications (org_id, id, user_id, kind, entity_type, entity_id, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, uuidv7(), row.userId, row.kind, row.entityType, row.entityId, row.message],
  );
}

/** People who run a scope: managers named on it and holders of a managing grant there. */
export async function managersOfScope(
  q: Queryable,
  orgId: string,
  scopeType: string,
  scopeId: string | null,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT g.user_id AS id FROM role_grants g
     WHERE g.org_id = $1 AND g.scope_type = $2 AND g.scope_id IS NOT DISTINCT FROM $3::uuid
       AND g.role IN ('pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager')
     UNION SELECT manager_id FROM programs WHERE org_id = $1 AND $2 = 'program' AND id = $3::uuid AND manager_id IS NOT NULL
     UNION SELECT manager_id FROM portfolios WHERE org_id = $1 AND $2 = 'portfolio' AND id = $3::uuid AND manager_id IS NOT NULL
     UNION SELECT manager_id FROM projects WHERE org_id = $1 AND $2 = 'project' AND id = $3::uuid AND manager_id IS NOT NULL`,
    [orgId, scopeType, scopeId],
  );
  return rows.map((row) => row.id);
}

export async function listNotifications(
  q: Queryable,
  orgId: string,
  userId: string,
  options: { unreadOnly: boolean; page: number; pageSize: number },
) {
  const unread = options.unreadOnly ? 'AND read_at IS NULL' : '';
  const [items, count] = await Promise.all([
    q.query(
      `SELECT id, kind, entity_type AS "entityType", entity_id AS "entityId", message,
         ${isoTimestamp('created_at')} AS "createdAt", ${isoTimestamp('read_at')} AS "readAt"
       FROM notifications WHERE org_id = $1 AND user_id = $2 ${unread}
       ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [orgId, userId, options.pageSize, (options.page - 1) * options.pageSize],
    ),
    q.query<{ total: number; unread: number }>(
      `SELECT count(*) FILTER (WHERE true ${unread})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM notifications WHERE org_id = $1 AND user_id = $2`,
      [orgId, userId],
    ),
  ]);
  return { items, total: count[0]?.total ?? 0, unread: count[0]?.unread ?? 0 };
}

export async function markNotificationsRead(q: Queryable, orgId: string, userId: string, id: string | null) {
  const rows = await q.query(
    `UPDATE notifications SET read_at = now()
     WHERE org_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::uuid IS NULL OR id = $3::uuid) RETURNING id`,
    [orgId, userId, id],
  );
  return rows.length;
}

export async function notificationOwner(q: Queryable, orgId: string, id: string) {
  const rows = await q.query<{ userId: string }>(
    'SELECT user_id AS "userId" FROM notifications WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return rows[0]?.userId ?? null;
}
