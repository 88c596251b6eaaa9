import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';

export const stakeholders: TableSpec = {
  table: 'stakeholders',
  columns: {
    projectId: 'project_id',
    programId: 'program_id',
    name: 'name',
    userId: 'user_id',
    organization: 'organization',
    role: 'role',
    influence: 'influence',
    interest: 'interest',
    attitude: 'attitude',
    engagementCurrent: 'engagement_current',
    engagementDesired: 'engagement_desired',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.program_id AS "programId", t.name,
      t.user_id AS "userId", t.organization, t.role, t.influence, t.interest, t.attitude,
      t.engagement_current AS "engagementCurrent", t.engagement_desired AS "engagementDesired"
    FROM stakeholders t`,
  sortable: {
    name: 't.name',
    influence: 't.influence',
    interest: 't.interest',
    createdAt: 't.created_at',
  },
  searchable: ['t.name', 't.organization', 't.role'],
};

export const communicationPlans: TableSpec = {
  table: 'communication_plans',
  columns: {
    projectId: 'project_id',
    programId: 'program_id',
    audience: 'audience',
    content: 'content',
    cadence: 'cadence',
    channel: 'channel',
    ownerId: 'owner_id',
    nextDue: 'next_due',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.program_id AS "programId", t.audience, t.content,
      t.cadence, t.channel, t.owner_id AS "ownerId", u.name AS "ownerName", ${isoDate('t.next_due')} AS "nextDue"
    FROM communication_plans t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { nextDue: 't.next_due', audience: 't.audience', createdAt: 't.created_at' },
  searchable: ['t.audience', 't.content'],
};

export const announcements: TableSpec = {
  table: 'announcements',
  columns: {
    scopeType: 'scope_type',
    scopeId: 'scope_id',
    title: 'title',
    body: 'body',
    sendEmail: 'send_email',
    authorId: 'author_id',
    recipients: 'recipients',
  },
  select: `SELECT t.id, 1 AS version, t.scope_type AS "scopeType", t.scope_id AS "scopeId",
      CASE t.scope_type
        WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = t.org_id)
        WHEN 'business_unit' THEN (SELECT x.name FROM business_units x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'portfolio' THEN (SELECT x.name FROM portfolios x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'program' THEN (SELECT x.name FROM programs x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'project' THEN (SELECT x.code || ' ' || x.name FROM projects x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
      END AS "scopeName",
      t.title, t.body, t.send_email AS "sendEmail", t.author_id AS "authorId", u.name AS "authorName", t.recipients,
      ${isoTimestamp('t.created_at')} AS "createdAt"
    FROM announcements t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.author_id`,
  sortable: { createdAt: 't.created_at' },
  searchable: ['t.title', 't.body'],
};

export async function setRecipientCount(q: Queryable, orgId: string, id: string, recipients: number) {
  await q.query('UPDATE announcements SET recipients = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
    recipients,
  ]);
}

/**
 * Everyone holding a grant at the scope or anywhere beneath it, and the members of its projects:
 * an announcement to a portfolio reaches the teams of the portfolio's projects too.
 */
export async function peopleWithinScope(
  q: Queryable,
  orgId: string,
  scopeType: string,
  scopeId: string | null,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE units(id) AS (
       SELECT id FROM business_units WHERE org_id = $1 AND $2 = 'business_unit' AND id = $3::uuid
       UNION SELECT b.id FROM business_units b JOIN units ON b.parent_id = units.id WHERE b.org_id = $1),
     in_projects AS (
       SELECT id FROM projects WHERE org_id = $1 AND (
         $2 = 'organization' OR ($2 = 'business_unit' AND business_unit_id IN (SELECT id FROM units))
         OR ($2 = 'portfolio' AND portfolio_id = $3::uuid) OR ($2 = 'program' AND program_id = $3::uuid)
         OR ($2 = 'project' AND id = $3::uuid))),
     in_programs AS (
       SELECT g.id FROM programs g JOIN portfolios f ON f.org_id = g.org_id AND f.id = g.portfolio_id
       WHERE g.org_id = $1 AND ($2 = 'organization'
         OR ($2 = 'business_unit' AND f.business_unit_id IN (SELECT id FROM units))
         OR ($2 = 'portfolio' AND f.id = $3::uuid) OR ($2 = 'program' AND g.id = $3::uuid))),
     in_portfolios AS (
       SELECT id FROM portfolios WHERE org_id = $1 AND ($2 = 'organization'
         OR ($2 = 'business_unit' AND business_unit_id IN (SELECT id FROM units))
         OR ($2 = 'portfolio' AND id = $3::uuid)))
     SELECT DISTINCT g.user_id AS id FROM role_grants g JOIN users u ON u.org_id = g.org_id AND u.id = g.user_id AND u.is_active
     WHERE g.org_id = $1 AND (
       $2 = 'organization'
       OR (g.scope_type = 'business_unit' AND g.scope_id IN (SELECT id FROM units))
       OR (g.scope_type = 'portfolio' AND g.scope_id IN (SELECT id FROM in_portfolios))
       OR (g.scope_type = 'program' AND g.scope_id IN (SELECT id FROM in_programs))
       OR (g.scope_type = 'project' AND g.scope_id IN (SELECT id FROM in_projects)))
     UNION
     SELECT m.user_id FROM project_members m JOIN users u ON u.org_id = m.org_id AND u.id = m.user_id AND u.is_active
     WHERE m.org_id = $1 AND m.project_id IN (SELECT id FROM in_projects)`,
    [orgId, scopeType, scopeId],
  );
  return rows.map((row) => row.id);
}

export interface DuePlanReminder {
  id: string;
  audience: string;
  content: string;
  channel: string;
  ownerId: string;
  nextDue: string;
  placeName: string;
}

/** Plans with an owner due by `horizon` whose owner was not yet reminded of this due date; marks them. */
export async function takeDuePlanReminders(q: Queryable, orgId: string, horizon: string) {
  return q.query<DuePlanReminder>(
    `UPDATE communication_plans t SET reminded_for = t.next_due
     WHERE t.org_id = $1 AND t.owner_id IS NOT NULL AND t.next_due <= $2::date
       AND t.reminded_for IS DISTINCT FROM t.next_due
     RETURNING t.id, t.audience, t.content, t.channel, t.owner_id AS "ownerId", ${isoDate('t.next_due')} AS "nextDue",
       coalesce((SELECT p.code || ' ' || p.name FROM projects p WHERE p.org_id = t.org_id AND p.id = t.project_id),
                (SELECT g.name FROM programs g WHERE g.org_id = t.org_id AND g.id = t.program_id)) AS "placeName"`,
    [orgId, horizon],
  );
}

export async function wasNotified(
  q: Queryable,
  orgId: string,
  announcementId: string,
  userId: string | null,
) {
  const rows = await q.query(
    `SELECT 1 FROM notifications WHERE org_id = $1 AND entity_type = 'announcement' AND entity_id = $2
       AND user_id = $3::uuid LIMIT 1`,
    [orgId, announcementId, userId],
  );
  return rows.length > 0;
}
