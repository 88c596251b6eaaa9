import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  capacityCellSchema,
  capacityReportSchema,
  granularities,
  overAllocationPageSchema,
} from '../../model/capacity.ts';
import { idSchema, listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  assignmentInput,
  assignmentPatch,
  assignmentSchema,
  bookingInput,
  bookingPatch,
  bookingSchema,
  candidateSchema,
  staffingRequestInput,
  staffingRequestPatch,
  staffingRequestSchema,
  staffingStatuses,
} from '../../model/resource.ts';
import * as assignments from '../../services/assignments.ts';
import * as capacity from '../../services/capacity.ts';
import * as staffing from '../../services/staffing.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams, registerCollection } from './crud.ts';

// Query strings reach the services as text; the services parse them with the model's schemas.
const capacityQueryString = z.object({
  from: z.string().describe('first day, YYYY-MM-DD'),
  to: z.string().describe('last day, YYYY-MM-DD'),
  period: z.enum(granularities).optional(),
  groupBy: z.enum(['resource', 'skill', 'role', 'business_unit']).optional(),
  businessUnitId: idSchema.optional(),
  roleId: idSchema.optional(),
  skillId: idSchema.optional(),
  resourceId: idSchema.optional(),
  kind: z.enum(['person', 'generic', 'equipment', 'material']).optional(),
  page: z.string().optional(),
  pageSize: z.string().optional(),
});

export function registerStaffingRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/assignments',
    tag: 'resources',
    noun: 'task assignment',
    item: assignmentSchema,
    createBody: assignmentInput,
    patchBody: assignmentPatch,
    filters: { projectId: idSchema },
    list: (database, actor, query) =>
      assignments.listProjectAssignments(database, actor, query.projectId, query),
    get: assignments.getAssignment,
    create: assignments.createAssignment,
    update: assignments.updateAssignment,
    remove: assignments.deleteAssignment,
  });
  registerCollection(api, db, {
    path: '/staffing-requests',
    tag: 'resources',
    noun: 'staffing request',
    item: staffingRequestSchema,
    createBody: staffingRequestInput,
    patchBody: staffingRequestPatch,
    filters: { projectId: idSchema.optional(), status: z.enum(staffingStatuses).optional() },
    list: staffing.listStaffingRequests,
    get: staffing.getStaffingRequest,
    create: staffing.createStaffingRequest,
    update: staffing.updateStaffingRequest,
    remove: staffing.deleteStaffingRequest,
  });
  registerCollection(api, db, {
    path: '/bookings',
    tag: 'resources',
    noun: 'booking',
    item: bookingSchema,
    createBody: bookingInput,
    patchBody: bookingPatch,
    filters: {
      resourceId: idSchema.optional(),
      projectId: idSchema.optional(),
      staffingRequestId: idSchema.optional(),
    },
    list: staffing.listBookings,
    get: staffing.getBooking,
    create: staffing.createBooking,
    update: staffing.updateBooking,
    remove: staffing.deleteBooking,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  app.get('/tasks/:id/assignments', {
    schema: {
      tags,
      summary: "A task's resource assignments",
      params: idParams,
      querystring: listQuerySchema,
      response: { 200: pageSchema(assignmentSchema), ...errorResponses },
    },
    handler: (request) =>
      assignments.listTaskAssignments(db, actorOf(request), request.params.id, request.query),
  });
  app.get('/staffing-requests/:id/candidates', {
    schema: {
      tags,
      summary: "Resources with the request's role and skill, the most free hours over its period first",
      params: idParams,
      response: { 200: z.array(candidateSchema), ...errorResponses },
    },
    handler: (request) => staffing.listCandidates(db, actorOf(request), request.params.id),
  });
  app.get('/capacity', {
    schema: {
      tags,
      summary:
        'Capacity against demand per resource, skill, role or business unit and per day, week or month; demand of projects you may not see is counted but not named',
      querystring: capacityQueryString,
      response: { 200: capacityReportSchema, ...errorResponses },
    },
    handler: (request) => capacity.capacityReport(db, actorOf(request), request.query),
  });
  app.get('/capacity/cell', {
    schema: {
      tags,
      summary:
        'One heatmap cell: the row’s capacity over from..to and every assignment and booking behind its demand',
      querystring: capacityQueryString.extend({ key: z.string().describe('the row key of the report') }),
      response: { 200: capacityCellSchema, ...errorResponses },
    },
    handler: (request) => capacity.capacityCell(db, actorOf(request), request.query),
  });
  app.get('/capacity/over-allocations', {
    schema: {
      tags,
      summary:
        'Every resource and period where demand exceeds capacity, with the tasks and projects that cause it',
      querystring: capacityQueryString,
      response: { 200: overAllocationPageSchema, ...errorResponses },
    },
    handler: (request) => capacity.listOverAllocations(db, actorOf(request), request.query),
  });
}
