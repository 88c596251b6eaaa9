import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, pageSchema } from '../../model/common.ts';
import {
  linkInput,
  linkSchema,
  projectScheduleSchema,
  scheduleSettingsPatch,
  taskInput,
  taskPatch,
  taskSchema,
} from '../../model/plan.ts';
import { planBulkInput, planBulkResult } from '../../model/plan-bulk.ts';
import * as baselines from '../../services/baselines.ts';
import { ValidationError } from '../../services/errors.ts';
import { applyPlanBulk } from '../../services/plan-bulk.ts';
import { importPlanFile } from '../../services/plan-import-file.ts';
import * as planning from '../../services/planning.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

const paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(5000).default(500),
});
const ganttSchema = z.object({ tasks: pageSchema(taskSchema), links: z.array(linkSchema) });

export function registerPlanningRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['planning'];
  app.get('/projects/:id/tasks', {
    schema: {
      tags,
      summary: "A project's tasks in WBS order (parents before children), with computed dates",
      params: idParams,
      querystring: paging,
      response: { 200: pageSchema(taskSchema), ...errorResponses },
    },
    handler: (request) =>
      planning.listTasks(db, actorOf(request), request.params.id, request.query.page, request.query.pageSize),
  });
  app.post('/projects/:id/tasks', {
    schema: {
      tags,
      summary: 'Add a task; the schedule is recomputed in the same transaction',
      params: idParams,
      body: taskInput,
      response: { 201: taskSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const task = await planning.createTask(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${task.version}"`);
      return task;
    },
  });
  app.get('/tasks/:id', {
    schema: { tags, summary: 'A task', params: idParams, response: { 200: taskSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const task = await planning.getTask(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${task.version}"`);
      return task;
    },
  });
  app.patch('/tasks/:id', {
    schema: {
      tags,
      summary: 'Change a task (dates, duration, progress, parent); the schedule is recomputed',
      params: idParams,
      headers: ifMatchHeader,
      body: taskPatch,
      response: { 200: taskSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const task = await planning.updateTask(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${task.version}"`);
      return task;
    },
  });
  app.delete('/tasks/:id', {
    schema: {
      tags,
      summary: 'Delete a task with its subtasks and links',
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await planning.deleteTask(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
  app.post('/links', {
    schema: {
      tags,
      summary: 'Link two tasks (FS, SS, FF, SF with lag), also across projects; a cycle is refused',
      body: linkInput,
      response: { 201: linkSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return planning.createLink(db, actorOf(request), request.body);
    },
  });
  app.delete('/links/:id', {
    schema: {
      tags,
      summary: 'Remove a link',
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Removed'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await planning.deleteLink(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
  app.post('/projects/:id/plan/bulk', {
    schema: {
      tags,
      summary:
        'Apply an ordered list of task and link edits in one transaction with one reschedule; tasks created earlier in the list are named by `ref`. A failure names the operation index and writes nothing',
      params: idParams,
      body: planBulkInput,
      response: { 200: planBulkResult, ...errorResponses },
    },
    handler: (request) => applyPlanBulk(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/projects/:id/schedule', {
    schema: {
      tags,
      summary: "The project's schedule settings, computed start and finish, and critical path",
      params: idParams,
      response: { 200: projectScheduleSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const schedule = await planning.getProjectSchedule(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${schedule.version}"`);
      return schedule;
    },
  });
  app.patch('/projects/:id/schedule', {
    schema: {
      tags,
      summary: 'Change start or finish date, status date, scheduling direction or critical slack',
      params: idParams,
      headers: ifMatchHeader,
      body: scheduleSettingsPatch,
      response: { 200: projectScheduleSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const schedule = await planning.updateProjectSchedule(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${schedule.version}"`);
      return schedule;
    },
  });
  app.get('/projects/:id/gantt', {
    schema: {
      tags,
      summary: 'Gantt data of a project: tasks (paged) and links',
      params: idParams,
      querystring: paging,
      response: { 200: ganttSchema, ...errorResponses },
    },
    handler: (request) =>
      planning.getProjectGantt(
        db,
        actorOf(request),
        request.params.id,
        request.query.page,
        request.query.pageSize,
      ),
  });
  app.get('/programs/:id/gantt', {
    schema: {
      tags,
      summary: "A program's projects on one timeline, with the links between them",
      params: idParams,
      querystring: paging,
      response: {
        200: ganttSchema.extend({
          projects: z.array(
            z.object({
              id: idSchema,
              code: z.string(),
              name: z.string(),
              start: z.string().nullable(),
              finish: z.string().nullable(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: (request) =>
      planning.getProgramGantt(
        db,
        actorOf(request),
        request.params.id,
        request.query.page,
        request.query.pageSize,
      ),
  });

  const baselineSchema = z.object({
    id: idSchema,
    projectId: idSchema,
    number: z.number().int(),
    name: z.string(),
    savedAt: z.string(),
    taskCount: z.number().int(),
  });
  const baselineParams = z.object({ id: idSchema, number: baselines.baselineNumberSchema });
  app.get('/projects/:id/baselines', {
    schema: {
      tags,
      summary: "The project's saved baselines (0–10)",
      params: idParams,
      response: { 200: z.object({ items: z.array(baselineSchema) }), ...errorResponses },
    },
    handler: (request) => baselines.getBaselines(db, actorOf(request), request.params.id),
  });
  app.put('/projects/:id/baselines/:number', {
    schema: {
      tags,
      summary: 'Save the current schedule as baseline N (replaces what N held)',
      params: baselineParams,
      body: baselines.saveBaselineInput,
      response: { 200: baselineSchema, ...errorResponses },
    },
    handler: (request) =>
      baselines.saveProjectBaseline(
        db,
        actorOf(request),
        request.params.id,
        request.params.number,
        request.body,
      ),
  });
  app.delete('/projects/:id/baselines/:number', {
    schema: {
      tags,
      summary: 'Clear baseline N',
      params: baselineParams,
      response: { 204: z.null().describe('Cleared'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await baselines.removeProjectBaseline(db, actorOf(request), request.params.id, request.params.number);
      return reply.code(204).send(null);
    },
  });
  app.get('/projects/:id/baselines/:number/variance', {
    schema: {
      tags,
      summary: 'Current dates and durations against baseline N, per task (minutes; positive is later)',
      params: baselineParams,
      querystring: paging,
      response: {
        200: pageSchema(
          z.object({
            taskId: idSchema,
            name: z.string(),
            baselineStart: z.string().nullable(),
            baselineFinish: z.string().nullable(),
            baselineDurationMinutes: z.number().int().nullable(),
            start: z.string().nullable(),
            finish: z.string().nullable(),
            durationMinutes: z.number().int(),
            startVarianceMinutes: z.number().int().nullable(),
            finishVarianceMinutes: z.number().int().nullable(),
            durationVarianceMinutes: z.number().int().nullable(),
          }),
        ).extend({ baseline: baselineSchema }),
        ...errorResponses,
      },
    },
    handler: (request) =>
      baselines.getBaselineVariance(
        db,
        actorOf(request),
        request.params.id,
        request.params.number,
        request.query.page,
        request.query.pageSize,
      ),
  });

  app.post('/projects/:id/import', {
    schema: {
      tags,
      summary:
        "Replace the project's plan with an uploaded file (multipart field `file`): MS Project XML, Primavera P6 `.xer` (the project with this project's code when the file holds several) or an `.xlsx` task sheet",
      consumes: ['multipart/form-data'],
      params: idParams,
      response: {
        200: z.object({
          projectId: idSchema,
          file: z.string(),
          tasks: z.number().int(),
          links: z.number().int(),
          calendars: z.number().int(),
          warnings: z.array(z.string()),
          computedFinish: z.string().nullable(),
          movedToDefaultCalendar: z
            .object({
              resources: z.array(z.string()),
              calendars: z.array(z.string()),
            })
            .describe(
              "Who worked on the replaced plan's calendars (which the import deletes) and falls back to the organization's default calendar: resources put on one, and calendars that inherited from one",
            ),
          matchedResources: z
            .array(z.string())
            .optional()
            .describe("The organization's resources the file's resources were matched to, by code or name"),
          createdResources: z.array(z.string()).optional().describe('Resources the import added to the pool'),
          assignments: z.number().int().optional(),
          baselines: z.array(z.number().int()).optional().describe('Baseline numbers the file brought'),
        }),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      if (!request.isMultipart())
        throw new ValidationError([{ field: 'file', message: 'send the plan as multipart/form-data' }]);
      const upload = await request.file();
      if (!upload) throw new ValidationError([{ field: 'file', message: 'is required' }]);
      const bytes = await upload.toBuffer();
      return importPlanFile(db, actor, request.params.id, bytes, upload.filename || 'upload.xml');
    },
  });
}
