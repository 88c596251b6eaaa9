import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import type { ReportScope } from '../../db/repositories/status-reports.ts';
import { isoDateSchema, pageSchema } from '../../model/common.ts';
import {
  commentInput,
  computedIndicatorsSchema,
  lateReportSchema,
  reportingCadenceInput,
  reportingCadenceSchema,
  reportScopeQuery,
  reviewInput,
  statusReportDetailSchema,
  statusReportInput,
  statusReportPatch,
  statusReportSchema,
  statusReportStatuses,
  statusThresholdsPatch,
  statusThresholdsSchema,
} from '../../model/status-report.ts';
import { ValidationError } from '../../services/errors.ts';
import { listLateReports } from '../../services/late-reports.ts';
import * as reports from '../../services/status-reports.ts';
import * as settings from '../../services/status-settings.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

const paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const dateQuery = z.object({
  date: isoDateSchema.optional().describe('The day to evaluate on (default: today, UTC)'),
});

function scopeOf(query: { scopeType: ReportScope['type']; scopeId?: string | undefined }): ReportScope {
  if (query.scopeType === 'organization') return { type: 'organization' };
  if (!query.scopeId)
    throw new ValidationError([{ field: 'scopeId', message: `is required for a ${query.scopeType}` }]);
  return { type: query.scopeType, id: query.scopeId };
}

export function registerStatusReportRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['status reports'];
  const detail = { 200: statusReportDetailSchema, ...errorResponses };
  const withEtag = <T extends { version: number }>(
    reply: { header: (k: string, v: string) => unknown },
    body: T,
  ) => {
    reply.header('ETag', `"${body.version}"`);
    return body;
  };

  app.get('/projects/:id/status-reports', {
    schema: {
      tags,
      summary: "A project's status reports, the latest status date first",
      params: idParams,
      querystring: paging,
      response: { 200: pageSchema(statusReportSchema), ...errorResponses },
    },
    handler: (request) =>
      reports.listStatusReports(
        db,
        actorOf(request),
        { type: 'project', id: request.params.id },
        undefined,
        request.query.page,
        request.query.pageSize,
      ),
  });
  app.post('/projects/:id/status-reports', {
    schema: {
      tags,
      summary: 'Start a draft status report on a project (its manager, or those above)',
      params: idParams,
      body: statusReportInput,
      response: { 201: statusReportDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = await reports.createStatusReport(db, actorOf(request), request.params.id, request.body);
      reply.code(201);
      return withEtag(reply, created);
    },
  });
  app.get('/projects/:id/status-indicators', {
    schema: {
      tags,
      summary:
        "What the data says about a project's status on a day: SPI, CPI, late milestones, high risks, slip",
      params: idParams,
      querystring: dateQuery,
      response: { 200: computedIndicatorsSchema, ...errorResponses },
    },
    handler: (request) =>
      reports.projectIndicators(
        db,
        actorOf(request),
        request.params.id,
        request.query.date ?? settings.today(),
      ),
  });
  app.get('/projects/:id/reporting-cadence', {
    schema: {
      tags,
      summary: 'How often a project reports, its next due date and the one it missed when late',
      params: idParams,
      querystring: dateQuery,
      response: { 200: reportingCadenceSchema, ...errorResponses },
    },
    handler: (request) =>
      settings.getReportingCadence(
        db,
        actorOf(request),
        request.params.id,
        request.query.date ?? settings.today(),
      ),
  });
  app.put('/projects/:id/reporting-cadence', {
    schema: {
      tags,
      summary: "Set a project's reporting cadence (program manager, portfolio manager or PMO)",
      params: idParams,
      headers: ifMatchHeader,
      body: reportingCadenceInput,
      response: { 200: reportingCadenceSchema, ...errorResponses },
    },
    handler: (request) =>
      settings.setReportingCadence(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      ),
  });
  app.get('/status-reports', {
    schema: {
      tags,
      summary: 'Status reports within a scope; `status=submitted` is the queue awaiting review, oldest first',
      querystring: reportScopeQuery.extend({ status: z.enum(statusReportStatuses).optional() }),
      response: { 200: pageSchema(statusReportSchema), ...errorResponses },
    },
    handler: (request) =>
      reports.listStatusReports(
        db,
        actorOf(request),
        scopeOf(request.query),
        request.query.status,
        request.query.page,
        request.query.pageSize,
      ),
  });
  app.get('/status-reports/late', {
    schema: {
      tags,
      summary: 'Projects within a scope whose status report is overdue for their cadence, most overdue first',
      querystring: reportScopeQuery.extend(dateQuery.shape),
      response: { 200: pageSchema(lateReportSchema), ...errorResponses },
    },
    handler: (request) =>
      listLateReports(
        db,
        actorOf(request),
        scopeOf(request.query),
        request.query.date ?? settings.today(),
        request.query.page,
        request.query.pageSize,
      ),
  });
  app.get('/status-reports/:id', {
    schema: {
      tags,
      summary: 'A status report with its indicators, disagreements, comments and what the reader may do',
      params: idParams,
      response: detail,
    },
    handler: async (request, reply) =>
      withEtag(reply, await reports.getStatusReport(db, actorOf(request), request.params.id)),
  });
  app.patch('/status-reports/:id', {
    schema: {
      tags,
      summary: 'Edit a draft status report; a submitted one is frozen (409)',
      params: idParams,
      headers: ifMatchHeader,
      body: statusReportPatch,
      response: detail,
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await reports.updateStatusReport(
          db,
          actorOf(request),
          request.params.id,
          expectedVersion(request),
          request.body,
        ),
      ),
  });
  app.post('/status-reports/:id/submit', {
    schema: {
      tags,
      summary:
        "Submit a draft: freezes it, snapshots the computed indicators and sets the project's health to its overall RAG",
      params: idParams,
      headers: ifMatchHeader,
      response: detail,
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await reports.submitStatusReport(db, actorOf(request), request.params.id, expectedVersion(request)),
      ),
  });
  app.post('/status-reports/:id/review', {
    schema: {
      tags,
      summary: 'Mark a submitted report reviewed (program manager, portfolio manager or PMO)',
      params: idParams,
      body: reviewInput.optional(),
      response: detail,
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await reports.reviewStatusReport(db, actorOf(request), request.params.id, request.body ?? {}),
      ),
  });
  app.post('/status-reports/:id/comments', {
    schema: {
      tags,
      summary: 'Comment on a submitted report, or reply in a thread with `parentId`',
      params: idParams,
      body: commentInput,
      response: { 201: statusReportDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const updated = await reports.commentOnStatusReport(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.code(201);
      return updated;
    },
  });
  app.get('/status-thresholds', {
    schema: {
      tags,
      summary: 'Where computed status indicators turn amber and red',
      response: { 200: statusThresholdsSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await settings.getStatusThresholds(db, actorOf(request))),
  });
  app.put('/status-thresholds', {
    schema: {
      tags,
      summary: 'Change the indicator thresholds (the organization PMO); needs If-Match',
      headers: ifMatchHeader,
      body: statusThresholdsPatch,
      response: { 200: statusThresholdsSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await settings.setStatusThresholds(db, actorOf(request), expectedVersion(request), request.body),
      ),
  });
}
