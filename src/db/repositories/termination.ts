import type { TerminationImpact } from '../../model/governance.ts';
import type { Queryable } from '../connection.ts';
import { isoDate } from '../sql.ts';

/** Other projects whose tasks follow one of this project's tasks (cross-project links), with their managers. */
export async function successorProjects(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<Array<TerminationImpact['successors'][number] & { managerId: string | null }>> {
  return q.query(
    `SELECT sp.id AS "projectId", sp.code AS "projectCode", sp.name AS "projectName", sp.manager_id AS "managerId",
       u.name AS "managerName", count(*)::int AS links
     FROM task_links l
     JOIN tasks pt ON pt.org_id = l.org_id AND pt.id = l.predecessor_id
     JOIN tasks st ON st.org_id = l.org_id AND st.id = l.successor_id
     JOIN projects sp ON sp.org_id = st.org_id AND sp.id = st.project_id
     LEFT JOIN users u ON u.org_id = sp.org_id AND u.id = sp.manager_id
     WHERE l.org_id = $1 AND pt.project_id = $2 AND st.project_id <> $2
     GROUP BY sp.id, sp.code, sp.name, sp.manager_id, u.name ORDER BY sp.code`,
    [orgId, projectId],
  );
}

/** Risks this project shares with other projects, and which. */
export async function sharedRisks(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<TerminationImpact['sharedRisks']> {
  return q.query(
    `SELECT r.id AS "riskId", r.title,
       array_agg(p.name ORDER BY p.name) AS "otherProjects"
     FROM risk_projects mine
     JOIN risks r ON r.org_id = mine.org_id AND r.id = mine.risk_id
     JOIN risk_projects other ON other.org_id = mine.org_id AND other.risk_id = mine.risk_id AND other.project_id <> mine.project_id
     JOIN projects p ON p.org_id = other.org_id AND p.id = other.project_id
     WHERE mine.org_id = $1 AND mine.project_id = $2
     GROUP BY r.id, r.title ORDER BY r.title`,
    [orgId, projectId],
  );
}

/** Bookings not yet over on `today`: those not started are cancelled, running ones end the day before. */
export async function releasableBookings(
  q: Queryable,
  orgId: string,
  projectId: string,
  today: string,
): Promise<TerminationImpact['bookings']> {
  return q.query(
    `SELECT b.id AS "bookingId", r.name AS "resourceName", b.kind, ${isoDate('b.start_date')} AS "startDate",
       ${isoDate('b.finish_date')} AS "finishDate", b.units::float8 AS units,
       CASE WHEN b.start_date >= $3::date THEN 'cancel' ELSE 'end' END AS release
     FROM bookings b JOIN resources r ON r.org_id = b.org_id AND r.id = b.resource_id
     WHERE b.org_id = $1 AND b.project_id = $2 AND b.finish_date >= $3::date
     ORDER BY b.start_date, r.name`,
    [orgId, projectId, today],
  );
}

export async function countProjectWork(q: Queryable, orgId: string, projectId: string) {
  const [row] = await q.query<{ openStaffingRequests: number; assignments: number }>(
    `SELECT (SELECT count(*)::int FROM staffing_requests WHERE org_id = $1 AND project_id = $2
               AND status IN ('open', 'partially_filled')) AS "openStaffingRequests",
            (SELECT count(*)::int FROM assignments WHERE org_id = $1 AND project_id = $2) AS assignments`,
    [orgId, projectId],
  );
  return row ?? { openStaffingRequests: 0, assignments: 0 };
}

/** Frees the project's people from `today` on; returns what changed, for the audit entry. */
export async function releaseProjectBookings(q: Queryable, orgId: string, projectId: string, today: string) {
  const cancelled = await q.query<{ id: string }>(
    `DELETE FROM bookings WHERE org_id = $1 AND project_id = $2 AND start_date >= $3::date RETURNING id`,
    [orgId, projectId, today],
  );
  const ended = await q.query<{ id: string }>(
    `UPDATE bookings SET finish_date = $3::date - 1, version = version + 1, updated_at = now()
     WHERE org_id = $1 AND project_id = $2 AND start_date < $3::date AND finish_date >= $3::date RETURNING id`,
    [orgId, projectId, today],
  );
  const requests = await q.query<{ id: string }>(
    `UPDATE staffing_requests SET status = 'cancelled', version = version + 1, updated_at = now()
     WHERE org_id = $1 AND project_id = $2 AND status IN ('open', 'partially_filled') RETURNING id`,
    [orgId, projectId],
  );
  return {
    cancelledBookings: cancelled.map((row) => row.id),
    endedBookings: ended.map((row) => row.id),
    cancelledRequests: requests.map((row) => row.id),
  };
}
