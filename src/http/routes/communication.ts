import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  announcementInput,
  announcementSchema,
  communicationPlanInput,
  communicationPlanPatch,
  communicationPlanSchema,
  mailSettingsInput,
  mailSettingsSchema,
  outboxEmailSchema,
  outboxStatuses,
  placementFilters,
  stakeholderInput,
  stakeholderPatch,
  stakeholderSchema,
} from '../../model/communication.ts';
import * as announcements from '../../services/announcements.ts';
import * as communication from '../../services/communication.ts';
import * as email from '../../services/email.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

export function registerCommunicationRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/stakeholders',
    tag: 'communication',
    noun: 'stakeholder',
    item: stakeholderSchema,
    createBody: stakeholderInput,
    patchBody: stakeholderPatch,
    filters: placementFilters,
    list: communication.listStakeholders,
    get: communication.getStakeholder,
    create: communication.createStakeholder,
    update: communication.updateStakeholder,
    remove: communication.deleteStakeholder,
  });
  registerCollection(api, db, {
    path: '/communication-plans',
    tag: 'communication',
    noun: 'communication plan',
    item: communicationPlanSchema,
    createBody: communicationPlanInput,
    patchBody: communicationPlanPatch,
    filters: { ...placementFilters, ownerId: idSchema.optional() },
    list: communication.listCommunicationPlans,
    get: communication.getCommunicationPlan,
    create: communication.createCommunicationPlan,
    update: communication.updateCommunicationPlan,
    remove: communication.deleteCommunicationPlan,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['communication'];
  app.get('/announcements', {
    schema: {
      tags,
      summary: 'Announcements you received or sent, newest first (all of them for the PMO)',
      querystring: listQuerySchema,
      response: { 200: pageSchema(announcementSchema), ...errorResponses },
    },
    handler: (request) => announcements.listAnnouncements(db, actorOf(request), request.query),
  });
  app.get('/announcements/:id', {
    schema: {
      tags,
      summary: 'An announcement',
      params: idParams,
      response: { 200: announcementSchema, ...errorResponses },
    },
    handler: (request) => announcements.getAnnouncement(db, actorOf(request), request.params.id),
  });
  app.post('/announcements', {
    schema: {
      tags,
      summary:
        'Announce to a scope (PMO administrators): a notification to everyone with a grant there or below, and e-mail when asked',
      body: announcementInput,
      response: { 201: announcementSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = await announcements.createAnnouncement(db, actorOf(request), request.body);
      reply.code(201);
      return created;
    },
  });
  app.get('/email-outbox', {
    schema: {
      tags,
      summary:
        "The e-mail outbox, newest first, with the SMTP server's reason for failures (PMO administrators)",
      querystring: listQuerySchema.extend({ status: z.enum(outboxStatuses).optional() }),
      response: { 200: pageSchema(outboxEmailSchema), ...errorResponses },
    },
    handler: (request) => email.listOutbox(db, actorOf(request), request.query),
  });
  app.get('/mail-settings', {
    schema: {
      tags,
      summary: "The organization's SMTP server (password masked), or the installation's (PMO administrators)",
      response: { 200: mailSettingsSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const settings = await email.getMailSettings(db, actorOf(request));
      reply.header('ETag', `"${settings.version}"`);
      return settings;
    },
  });
  app.put('/mail-settings', {
    schema: {
      tags,
      summary: 'Send this organization\'s e-mail through its own SMTP server (If-Match "0" the first time)',
      headers: ifMatchHeader,
      body: mailSettingsInput,
      response: { 200: mailSettingsSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const settings = await email.saveMailSettings(
        db,
        actorOf(request),
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${settings.version}"`);
      return settings;
    },
  });
  app.post('/email-outbox/:id/retry', {
    schema: {
      tags,
      summary: 'Send a failed e-mail again (PMO administrators)',
      params: idParams,
      headers: ifMatchHeader,
      response: { 200: outboxEmailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const message = await email.retryEmail(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
      );
      reply.header('ETag', `"${message.version}"`);
      return message;
    },
  });
}
