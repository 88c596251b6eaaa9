import type { Database, Queryable } from '../db/connection.ts';
import { projectWithin } from '../db/repositories/scope.ts';
import {
  bookings,
  findCandidates,
  refreshRequestStatus,
  staffingRequests,
} from '../db/repositories/staffing.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type Booking,
  bookingInput,
  bookingPatch,
  type Candidate,
  type StaffingRequest,
  staffingRequestInput,
  staffingRequestPatch,
} from '../model/resource.ts';
import { freeCapacity } from './capacity.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import { type Actor, visibility } from './policy.ts';
import { findResource, requireManageResourcesIn } from './resources.ts';
import { parseInput } from './validate.ts';

/**
 * Staffing: a project asks for a role or a skill over a period (its editors do); a resource manager over
 * the resource fills the request with soft or hard bookings of named people.
 */

async function findRequest(q: Queryable, actor: Actor, id: string): Promise<StaffingRequest> {
  const request = await findRow<StaffingRequest>(q, staffingRequests, actor.orgId, id);
  if (!request) throw new NotFoundError('staffing request', id);
  return request;
}

/** Rows on projects the actor may read; a subquery, so the list's count (which has no joins) can use it too. */
export const onVisibleProjects = (actor: Actor) => {
  const seen = visibility(actor);
  return seen.all
    ? undefined
    : (params: SqlParams) =>
        `EXISTS (SELECT 1 FROM projects vp WHERE vp.org_id = t.org_id AND vp.id = t.project_id
           AND ${projectWithin('vp', params, actor.orgId, seen)})`;
};

export async function listStaffingRequests(
  db: Database,
  actor: Actor,
  query: ListQuery & { projectId?: string; status?: StaffingRequest['status'] },
): Promise<Page<StaffingRequest>> {
  const page = await listRows<StaffingRequest>(db, staffingRequests, actor.orgId, {
    ...query,
    equals: { projectId: query.projectId, status: query.status },
    where: onVisibleProjects(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getStaffingRequest(db: Database, actor: Actor, id: string): Promise<StaffingRequest> {
  const request = await findRequest(db, actor, id);
  await authorizeProject(db, actor, request.projectId, 'read');
  return request;
}

export async function createStaffingRequest(db: Database, actor: Actor, body: unknown) {
  const values = parseInput(staffingRequestInput, body);
  return createAudited<StaffingRequest>(
    db,
    actor,
    'staffing_request',
    staffingRequests,
    { ...values, requestedBy: actor.userId },
    (tx) => authorizeProject(tx, actor, values.projectId, 'update_project'),
  );
}

export async function updateStaffingRequest(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
) {
  const patch = parseInput(staffingRequestPatch, body);
  return updateAudited<StaffingRequest>(
    db,
    actor,
    'staffing_request',
    staffingRequests,
    id,
    version,
    patch,
    async (tx, before) => {
      await authorizeProject(tx, actor, before.projectId, 'update_project');
      const startDate = patch.startDate ?? before.startDate;
      const finishDate = patch.finishDate ?? before.finishDate;
      if (finishDate < startDate)
        throw new ValidationError([{ field: 'finishDate', message: 'must be on or after startDate' }]);
    },
    // Reopening or resizing a request puts its status back in line with what is booked.
    (tx) => refreshRequestStatus(tx, actor.orgId, id).then(() => undefined),
  );
}

export async function deleteStaffingRequest(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<StaffingRequest>(
    db,
    actor,
    'staffing_request',
    staffingRequests,
    id,
    version,
    (tx, before) => authorizeProject(tx, actor, before.projectId, 'update_project'),
  );
}

/** Resources that fit a request, those with the most free hours over its period first. */
export async function listCandidates(
  db: Database,
  actor: Actor,
  id: string,
  limit = 50,
): Promise<Candidate[]> {
  const request = await getStaffingRequest(db, actor, id);
  const rows = await findCandidates(db, actor.orgId, request, 500);
  const free = await freeCapacity(
    db,
    actor.orgId,
    rows.map((row) => row.resourceId),
    request.startDate,
    request.finishDate,
  );
  return rows
    .map((row) => {
      const load = free.get(row.resourceId) ?? { capacityHours: 0, demandHours: 0 };
      return {
        resourceId: row.resourceId,
        code: row.code,
        name: row.name,
        kind: row.kind,
        roleName: row.roleName,
        businessUnitName: row.businessUnitName,
        proficiency: row.proficiency,
        capacityHours: load.capacityHours,
        demandHours: load.demandHours,
        freeHours: Math.round((load.capacityHours - load.demandHours) * 100) / 100,
      };
    })
    .sort(
      (a, b) =>
        b.freeHours - a.freeHours ||
        (b.proficiency ?? 0) - (a.proficiency ?? 0) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}

async function syncRequest(tx: Queryable, actor: Actor, requestId: string | null): Promise<void> {
  if (!requestId) return;
  const change = await refreshRequestStatus(tx, actor.orgId, requestId);
  if (change)
    await audit(
      tx,
      actor,
      'staffing_request',
      requestId,
      'update',
      { status: change.before },
      { status: change.after },
    );
}

export async function listBookings(
  db: Database,
  actor: Actor,
  query: ListQuery & { resourceId?: string; projectId?: string; staffingRequestId?: string },
): Promise<Page<Booking>> {
  const page = await listRows<Booking>(db, bookings, actor.orgId, {
    ...query,
    equals: {
      resourceId: query.resourceId,
      projectId: query.projectId,
      staffingRequestId: query.staffingRequestId,
    },
    where: onVisibleProjects(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getBooking(db: Database, actor: Actor, id: string): Promise<Booking> {
  const booking = await findRow<Booking>(db, bookings, actor.orgId, id);
  if (!booking) throw new NotFoundError('booking', id);
  await authorizeProject(db, actor, booking.projectId, 'read');
  return booking;
}

async function requireOverResource(tx: Queryable, actor: Actor, resourceId: string, field?: string) {
  const resource = await findResource(tx, actor, resourceId).catch((error) => {
    if (field && error instanceof NotFoundError)
      throw new ValidationError([{ field, message: 'does not exist in this organization' }]);
    throw error;
  });
  await requireManageResourcesIn(tx, actor, resource.businessUnitId);
  return resource;
}

/** Books a named resource on a project; with a staffing request, the booking fills it (the request's project). */
export async function createBooking(db: Database, actor: Actor, body: unknown): Promise<Booking> {
  const values = parseInput(bookingInput, body);
  const row: Record<string, unknown> = { ...values };
  return createAudited<Booking>(
    db,
    actor,
    'booking',
    bookings,
    row,
    async (tx) => {
      const resource = await requireOverResource(tx, actor, values.resourceId, 'resourceId');
      if (resource.kind === 'material')
        throw new ValidationError([
          { field: 'resourceId', message: 'is a material; materials are not booked' },
        ]);
      if (values.staffingRequestId) {
        const request = await findRow<StaffingRequest>(
          tx,
          staffingRequests,
          actor.orgId,
          values.staffingRequestId,
        );
        if (!request)
          throw new ValidationError([
            { field: 'staffingRequestId', message: 'does not exist in this organization' },
          ]);
        if (request.status === 'cancelled')
          throw new ValidationError([{ field: 'staffingRequestId', message: 'is cancelled' }]);
        if (values.projectId && values.projectId !== request.projectId)
          throw new ValidationError([
            { field: 'projectId', message: "is not the staffing request's project" },
          ]);
        row.projectId = request.projectId;
      }
      // An unknown project is refused by its foreign key, as a 400 naming projectId.
    },
    (tx) => syncRequest(tx, actor, values.staffingRequestId),
  );
}

export async function updateBooking(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Booking> {
  const patch = parseInput(bookingPatch, body);
  return updateAudited<Booking>(
    db,
    actor,
    'booking',
    bookings,
    id,
    version,
    patch,
    async (tx, before) => {
      await requireOverResource(tx, actor, before.resourceId);
      if ((patch.finishDate ?? before.finishDate) < (patch.startDate ?? before.startDate))
        throw new ValidationError([{ field: 'finishDate', message: 'must be on or after startDate' }]);
    },
    (tx, before) => syncRequest(tx, actor, before.staffingRequestId),
  );
}

export async function deleteBooking(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Booking>(
    db,
    actor,
    'booking',
    bookings,
    id,
    version,
    (tx, before) => requireOverResource(tx, actor, before.resourceId).then(() => undefined),
    (tx, before) => syncRequest(tx, actor, before.staffingRequestId),
  );
}
