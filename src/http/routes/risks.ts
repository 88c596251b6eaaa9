import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, pageSchema } from '../../model/common.ts';
import {
  escalateInput,
  escalationRuleInput,
  escalationRulePatch,
  escalationRuleSchema,
  escalationSchema,
  heatMapSchema,
  inboxItemSchema,
  issueFilters,
  issueInput,
  issuePatch,
  issueSchema,
  notificationSchema,
  riskActionInput,
  riskActionPatch,
  riskActionSchema,
  riskCategoryInput,
  riskCategoryPatch,
  riskCategorySchema,
  riskFilters,
  riskInput,
  riskMatrixInput,
  riskMatrixSchema,
  riskPatch,
  riskSchema,
  riskTaskSchema,
  riskTasksInput,
} from '../../model/risk.ts';
import * as escalation from '../../services/escalation.ts';
import * as issues from '../../services/issues.ts';
import * as notifications from '../../services/notifications.ts';
import * as actions from '../../services/risk-actions.ts';
import * as matrix from '../../services/risk-matrix.ts';
import * as risks from '../../services/risks.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

export function registerRiskRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/risks',
    tag: 'risks',
    noun: 'risk',
    item: riskSchema,
    createBody: riskInput,
    patchBody: riskPatch,
    filters: riskFilters,
    list: risks.listRisks,
    get: risks.getRisk,
    create: risks.createRisk,
    update: risks.updateRisk,
    remove: risks.deleteRisk,
  });
  registerCollection(api, db, {
    path: '/issues',
    tag: 'risks',
    noun: 'issue',
    item: issueSchema,
    createBody: issueInput,
    patchBody: issuePatch,
    filters: issueFilters,
    list: issues.listIssues,
    get: issues.getIssue,
    create: issues.createIssue,
    update: issues.updateIssue,
    remove: issues.deleteIssue,
  });
  registerCollection(api, db, {
    path: '/risk-categories',
    tag: 'risks',
    noun: 'risk category',
    item: riskCategorySchema,
    createBody: riskCategoryInput,
    patchBody: riskCategoryPatch,
    filters: {},
    list: risks.listRiskCategories,
    get: risks.getRiskCategory,
    create: risks.createRiskCategory,
    update: risks.updateRiskCategory,
    remove: risks.deleteRiskCategory,
  });
  registerCollection(api, db, {
    path: '/escalation-rules',
    tag: 'risks',
    noun: 'escalation rule',
    item: escalationRuleSchema,
    createBody: escalationRuleInput,
    patchBody: escalationRulePatch,
    filters: {},
    list: escalation.listEscalationRules,
    get: escalation.getEscalationRule,
    create: escalation.createEscalationRule,
    update: escalation.updateEscalationRule,
    remove: escalation.deleteEscalationRule,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['risks'];
  app.get('/risks/:id/tasks', {
    schema: {
      tags,
      summary: 'The plan tasks a risk affects, with its three-point schedule impact on each (minutes)',
      params: idParams,
      response: { 200: z.array(riskTaskSchema), ...errorResponses },
    },
    handler: (request) => risks.getRiskTasks(db, actorOf(request), request.params.id),
  });
  app.put('/risks/:id/tasks', {
    schema: {
      tags,
      summary: "Replace the tasks a risk affects (tasks of the risk's projects) and its impact on each",
      params: idParams,
      body: riskTasksInput,
      response: { 200: z.array(riskTaskSchema), ...errorResponses },
    },
    handler: (request) => risks.setRiskTasks(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/risks/:id/actions', {
    schema: {
      tags,
      summary: "A risk's response actions",
      params: idParams,
      response: { 200: z.array(riskActionSchema), ...errorResponses },
    },
    handler: (request) => actions.listRiskActions(db, actorOf(request), request.params.id),
  });
  app.post('/risks/:id/actions', {
    schema: {
      tags,
      summary: 'Add a response action to a risk; its owner is notified',
      params: idParams,
      body: riskActionInput,
      response: { 201: riskActionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const action = await actions.createRiskAction(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${action.version}"`);
      return action;
    },
  });
  app.patch('/risk-actions/:id', {
    schema: {
      tags,
      summary: 'Change a response action',
      params: idParams,
      headers: ifMatchHeader,
      body: riskActionPatch,
      response: { 200: riskActionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const action = await actions.updateRiskAction(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${action.version}"`);
      return action;
    },
  });
  app.delete('/risk-actions/:id', {
    schema: {
      tags,
      summary: 'Delete a response action',
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await actions.deleteRiskAction(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
  app.post('/risks/:id/escalate', {
    schema: {
      tags,
      summary:
        "Escalate a risk one level up (project → program → PMO); beyond the organization's PMO is a 400",
      params: idParams,
      body: escalateInput,
      response: { 200: riskSchema, ...errorResponses },
    },
    handler: (request) => escalation.escalateRisk(db, actorOf(request), request.params.id, request.body),
  });
  app.post('/issues/:id/escalate', {
    schema: {
      tags,
      summary: 'Escalate an issue one level up',
      params: idParams,
      body: escalateInput,
      response: { 200: issueSchema, ...errorResponses },
    },
    handler: (request) => escalation.escalateIssue(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/escalations/:itemType/:id', {
    schema: {
      tags,
      summary: "A risk's or an issue's escalations, oldest first",
      params: z.object({ itemType: z.enum(['risk', 'issue']), id: idSchema }),
      response: { 200: z.array(escalationSchema), ...errorResponses },
    },
    handler: (request) =>
      issues.escalationsOf(db, actorOf(request), request.params.itemType, request.params.id),
  });
  app.get('/escalation-inbox', {
    schema: {
      tags,
      summary: 'Open risks and issues escalated to levels I manage, newest first',
      response: { 200: z.array(inboxItemSchema), ...errorResponses },
    },
    handler: (request) => escalation.escalationInbox(db, actorOf(request)),
  });
  app.get('/risk-heatmap', {
    schema: {
      tags,
      summary: 'Risk counts per probability × impact cell under the register filters, inherent or residual',
      querystring: z.object(riskFilters),
      response: { 200: heatMapSchema, ...errorResponses },
    },
    handler: (request) => risks.riskHeatMap(db, actorOf(request), request.query),
  });
  app.get('/risk-matrix', {
    schema: {
      tags,
      summary: "The organization's probability × impact matrix (5×5 by default)",
      response: { 200: riskMatrixSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const found = await matrix.getRiskMatrix(db, actorOf(request));
      reply.header('ETag', `"${found.version}"`);
      return found;
    },
  });
  app.put('/risk-matrix', {
    schema: {
      tags,
      summary: 'Replace the matrix (PMO administrators); every risk is re-scored on it',
      headers: ifMatchHeader,
      body: riskMatrixInput,
      response: { 200: riskMatrixSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const saved = await matrix.updateRiskMatrix(
        db,
        actorOf(request),
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${saved.version}"`);
      return saved;
    },
  });
  app.get('/notifications', {
    schema: {
      tags,
      summary: 'My notifications, newest first, with the unread count',
      querystring: z.object({
        unread: z.enum(['true', 'false']).optional(),
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: {
        200: pageSchema(notificationSchema).extend({ unread: z.number().int() }),
        ...errorResponses,
      },
    },
    handler: (request) => notifications.listMyNotifications(db, actorOf(request), request.query),
  });
  app.post('/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Mark one of my notifications read',
      params: idParams,
      response: { 200: z.object({ marked: z.number().int() }), ...errorResponses },
    },
    handler: (request) => notifications.markRead(db, actorOf(request), request.params.id),
  });
  app.post('/notifications/read-all', {
    schema: {
      tags,
      summary: 'Mark all my notifications read',
      response: { 200: z.object({ marked: z.number().int() }), ...errorResponses },
    },
    handler: (request) => notifications.markRead(db, actorOf(request), null),
  });
}
