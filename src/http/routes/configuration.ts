import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  asOfQuery,
  baselineInput,
  ciApproveInput,
  ciDetailSchema,
  ciInput,
  ciPatch,
  ciSchema,
  ciVersionInput,
  ciVersionSchema,
  configBaselineSchema,
  configurationSchema,
  MAX_CI_FILE_BYTES,
} from '../../model/configuration.ts';
import * as configuration from '../../services/configuration.ts';
import { ValidationError } from '../../services/errors.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

/** Configuration management of a project: items, versions, baselines and the configuration as of a date. */
export function registerConfigurationRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['configuration'];

  app.get('/projects/:id/configuration-items', {
    schema: {
      tags,
      summary: "List a project's configuration items with their current version",
      params: idParams,
      querystring: listQuerySchema,
      response: { 200: pageSchema(ciSchema), ...errorResponses },
    },
    handler: (request) =>
      configuration.listConfigurationItems(db, actorOf(request), request.params.id, request.query),
  });
  app.post('/projects/:id/configuration-items', {
    schema: {
      tags,
      summary: 'Put a deliverable, specification or document under configuration control',
      params: idParams,
      body: ciInput,
      response: { 201: ciSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await configuration.createConfigurationItem(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.code(201).header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.get('/configuration-items/:id', {
    schema: {
      tags,
      summary: 'Get a configuration item with all its versions',
      params: idParams,
      response: { 200: ciDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await configuration.getConfigurationItem(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.patch('/configuration-items/:id', {
    schema: {
      tags,
      summary: "Change a configuration item's title, description, kind or owner",
      params: idParams,
      headers: ifMatchHeader,
      body: ciPatch,
      response: { 200: ciSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await configuration.updateConfigurationItem(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.post('/configuration-items/:id/versions', {
    schema: {
      tags,
      summary:
        "Propose the item's next version (content and/or a reference); it is not current until approved",
      params: idParams,
      body: ciVersionInput,
      response: { 201: ciVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await configuration.proposeCiVersion(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.code(201).header('ETag', `"${version.version}"`);
      return version;
    },
  });
  app.post('/configuration-items/:id/versions/file', {
    schema: {
      tags,
      summary:
        "Propose the item's next version as a file (multipart: `file`, 5 MB at most, and optional text fields `reference`, `note`, `content`)",
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: ciVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart())
        throw new ValidationError([{ field: 'file', message: 'send the file as multipart/form-data' }]);
      const upload = await request.file({ limits: { fileSize: MAX_CI_FILE_BYTES } });
      if (!upload) throw new ValidationError([{ field: 'file', message: 'is required' }]);
      const content = await upload.toBuffer();
      // Text fields sent before the file arrive with it; later ones are not read.
      const field = (name: string) => {
        const entry = upload.fields[name];
        const value = entry && !Array.isArray(entry) && 'value' in entry ? entry.value : undefined;
        return typeof value === 'string' ? value : undefined;
      };
      const version = await configuration.proposeCiVersion(
        db,
        actorOf(request),
        request.params.id,
        { reference: field('reference'), note: field('note'), content: field('content') },
        { fileName: upload.filename, contentType: upload.mimetype, content },
      );
      reply.code(201).header('ETag', `"${version.version}"`);
      return version;
    },
  });
  app.get('/ci-versions/:id/file', {
    schema: {
      tags,
      summary: 'Download the file of a configuration item version',
      params: idParams,
      response: { ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await configuration.downloadCiVersionFile(db, actorOf(request), request.params.id);
      reply
        .header('Content-Type', file.fileType)
        .header('Content-Disposition', `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'no-store');
      return reply.send(Buffer.from(file.content) as never);
    },
  });
  app.post('/ci-versions/:id/approve', {
    schema: {
      tags,
      summary:
        "Make a proposed version the item's current one. Once the item is in a baseline this needs an APPROVED change request of the project (409 otherwise)",
      params: idParams,
      headers: ifMatchHeader,
      body: ciApproveInput,
      response: { 200: ciVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await configuration.approveCiVersion(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${version.version}"`);
      return version;
    },
  });
  app.get('/projects/:id/config-baselines', {
    schema: {
      tags,
      summary: "A project's configuration baselines, newest first, with the item versions each holds",
      params: idParams,
      response: { 200: z.object({ items: z.array(configBaselineSchema) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await configuration.listConfigBaselines(db, actorOf(request), request.params.id),
    }),
  });
  app.post('/projects/:id/config-baselines', {
    schema: {
      tags,
      summary:
        'Baseline the current versions of the items named (every item with a current version when none are named)',
      params: idParams,
      body: baselineInput,
      response: { 201: configBaselineSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const baseline = await configuration.createConfigBaseline(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(baseline);
    },
  });
  app.get('/config-baselines/:id', {
    schema: {
      tags,
      summary: 'Get a configuration baseline with its item versions',
      params: idParams,
      response: { 200: configBaselineSchema, ...errorResponses },
    },
    handler: (request) => configuration.getConfigBaseline(db, actorOf(request), request.params.id),
  });
  app.get('/projects/:id/configuration', {
    schema: {
      tags,
      summary:
        "The project's approved configuration at an instant: each item's version approved most recently by then (`asOf` a date means the end of that day, UTC; now when absent)",
      params: idParams,
      querystring: asOfQuery,
      response: { 200: configurationSchema, ...errorResponses },
    },
    handler: (request) =>
      configuration.getConfigurationAsOf(db, actorOf(request), request.params.id, request.query),
  });
}
