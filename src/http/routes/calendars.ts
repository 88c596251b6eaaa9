import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  calendarFilters,
  calendarInput,
  calendarItemSchema,
  calendarPatch,
  timeOffInput,
  timeOffSchema,
} from '../../model/calendars.ts';
import { idSchema } from '../../model/common.ts';
import * as calendars from '../../services/calendars.ts';
import { addTimeOff, listTimeOff, removeTimeOff } from '../../services/time-off.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams, registerCollection } from './crud.ts';

export function registerCalendarRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/calendars',
    tag: 'calendars',
    noun: 'calendar',
    item: calendarItemSchema,
    createBody: calendarInput,
    patchBody: calendarPatch,
    filters: calendarFilters,
    list: calendars.listCalendars,
    get: calendars.getCalendar,
    create: calendars.createCalendar,
    update: calendars.updateCalendar,
    remove: calendars.deleteCalendar,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendars'];
  app.get('/resources/:id/time-off', {
    schema: {
      tags,
      summary: "A resource's time off (days off on its own calendar), earliest first",
      params: idParams,
      response: { 200: z.array(timeOffSchema), ...errorResponses },
    },
    handler: (request) => listTimeOff(db, actorOf(request), request.params.id),
  });
  app.post('/resources/:id/time-off', {
    schema: {
      tags,
      summary:
        'Add time off (a range of days off); a resource sharing a calendar first gets its own, inheriting from it',
      params: idParams,
      body: timeOffInput,
      response: { 201: timeOffSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const timeOff = await addTimeOff(db, actorOf(request), request.params.id, request.body);
      reply.code(201);
      return timeOff;
    },
  });
  app.delete('/resources/:id/time-off/:timeOffId', {
    schema: {
      tags,
      summary: "Remove a resource's time off",
      params: z.object({ id: idSchema, timeOffId: idSchema }),
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await removeTimeOff(db, actorOf(request), request.params.id, request.params.timeOffId);
      return reply.code(204).send(null);
    },
  });
}
