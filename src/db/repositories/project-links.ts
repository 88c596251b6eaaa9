import type { Queryable } from '../connection.ts';

export async function listProjectObjectives(q: Queryable, orgId: string, projectId: string) {
  return q.query<{ objectiveId: string; objectiveName: string; contribution: number }>(
    `SELECT l.objective_id AS "objectiveId", o.name AS "objectiveName", l.contribution::float8 AS contribution
     FROM project_objectives l JOIN strategic_objectives o ON o.org_id = l.org_id AND o.id = l.objective_id
     WHERE l.org_id = $1 AND l.project_id = $2 ORDER BY o.name`,
    [orgId, projectId],
  );
}

export async function replaceProjectObjectives(
  q: Queryable,
  orgId: string,
  projectId: string,
  items: ReadonlyArray<{ objectiveId: string; contribution: number }>,
): Promise<void> {
  await q.query('DELETE FROM project_objectives WHERE org_id = $1 AND project_id = $2', [orgId, projectId]);
  if (items.length === 0) return;
  await q.query(
    `INSERT INTO project_objectives (org_id, project_id, objective_id, contribution)
     SELECT $1, $2, x.objective_id, x.contribution FROM unnest($3::uuid[], $4::numeric[]) AS x(objective_id, contribution)`,
    [orgId, projectId, items.map((item) => item.objectiveId), items.map((item) => item.contribution)],
  );
}

export async function listProjectMembers(q: Queryable, orgId: string, projectId: string) {
  return q.query<{ userId: string; name: string; email: string; memberRole: string }>(
    `SELECT m.user_id AS "userId", u.name, u.email, m.member_role AS "memberRole"
     FROM project_members m JOIN users u ON u.org_id = m.org_id AND u.id = m.user_id
     WHERE m.org_id = $1 AND m.project_id = $2 ORDER BY u.name`,
    [orgId, projectId],
  );
}

export async function upsertProjectMember(
  q: Queryable,
  orgId: string,
  projectId: string,
  userId: string,
  memberRole: string,
): Promise<void> {
  await q.query(
    `INSERT INTO project_members (org_id, project_id, user_id, member_role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, project_id, user_id) DO UPDATE SET member_role = excluded.member_role`,
    [orgId, projectId, userId, memberRole],
  );
}

export async function deleteProjectMember(q: Queryable, orgId: string, projectId: string, userId: string) {
  const rows = await q.query(
    'DELETE FROM project_members WHERE org_id = $1 AND project_id = $2 AND user_id = $3 RETURNING user_id',
    [orgId, projectId, userId],
  );
  return rows.length === 1;
}

export async function countProjectsInProgram(
  q: Queryable,
  orgId: string,
  programId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM projects WHERE org_id = $1 AND program_id = $2',
    [orgId, programId],
  );
  return rows[0]?.n ?? 0;
}
