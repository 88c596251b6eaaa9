import type { Queryable } from '../connection.ts';

/**
 * What else works on a project's own calendars, which an import of its plan deletes: resources put on
 * one of them, and calendars outside the plan inheriting from one (a resource's own calendar, made for
 * its time off, inherits what the resource worked on).
 */

/** Takes the resources on the project's own calendars off them (NULL: the organization's default). */
export async function moveResourcesOffPlanCalendars(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<{ id: string; name: string; calendarId: string }[]> {
  return q.query(
    `UPDATE resources r SET calendar_id = NULL, version = r.version + 1, updated_at = now()
     FROM calendars c
     WHERE c.org_id = r.org_id AND c.id = r.calendar_id AND r.org_id = $1 AND c.project_id = $2
     RETURNING r.id, r.name, c.id AS "calendarId"`,
    [orgId, projectId],
  );
}

/** Calendars of other owners that inherit from one of the project's own calendars. */
export async function calendarsInheritingFromPlan(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<{ id: string }[]> {
  return q.query(
    `SELECT h.id FROM calendars h
     JOIN calendars b ON b.org_id = h.org_id AND b.id = h.base_calendar_id
     WHERE h.org_id = $1 AND b.project_id = $2 AND h.project_id IS DISTINCT FROM $2
     ORDER BY h.name, h.id`,
    [orgId, projectId],
  );
}
