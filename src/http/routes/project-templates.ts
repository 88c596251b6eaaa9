import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/connection.ts';
import { listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  instantiateInput,
  instantiateResultSchema,
  templateDetailSchema,
  templateInput,
  templatePatch,
  templateSchema,
  templateVersionInput,
  templateVersionPatch,
  templateVersionSchema,
} from '../../model/project-template.ts';
import * as templates from '../../services/project-templates.ts';
import { instantiateTemplate } from '../../services/template-instantiate.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

/** Project templates, their versions, and creating a project from one. */
export function registerProjectTemplateRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge'];
  const withEtag = <T extends { version: number }>(
    reply: { header(k: string, v: string): unknown },
    item: T,
  ) => {
    reply.header('ETag', `"${item.version}"`);
    return item;
  };

  app.get('/project-templates', {
    schema: {
      tags,
      summary: 'List project templates (those with a published version; every one for the PMO)',
      querystring: listQuerySchema,
      response: { 200: pageSchema(templateSchema), ...errorResponses },
    },
    handler: (request) => templates.listTemplates(db, actorOf(request), request.query),
  });
  app.post('/project-templates', {
    schema: {
      tags,
      summary:
        'Create a project template with its first draft version (PMO); links that form a cycle are refused',
      body: templateInput,
      response: { 201: templateSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const template = await templates.createTemplate(db, actorOf(request), request.body);
      reply.code(201);
      return withEtag(reply, template);
    },
  });
  app.get('/project-templates/:id', {
    schema: {
      tags,
      summary: 'Get a project template with its versions',
      params: idParams,
      response: { 200: templateDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await templates.getTemplate(db, actorOf(request), request.params.id)),
  });
  app.patch('/project-templates/:id', {
    schema: {
      tags,
      summary: 'Rename a template or change its description or methodology (PMO)',
      params: idParams,
      headers: ifMatchHeader,
      body: templatePatch,
      response: { 200: templateSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await templates.updateTemplate(
          db,
          actorOf(request),
          request.params.id,
          expectedVersion(request),
          request.body,
        ),
      ),
  });
  app.post('/project-templates/:id/versions', {
    schema: {
      tags,
      summary: "Start the template's next version as a draft with the content given (PMO)",
      params: idParams,
      body: templateVersionInput,
      response: { 201: templateVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await templates.createTemplateVersion(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.code(201);
      return withEtag(reply, version);
    },
  });
  app.get('/template-versions/:id', {
    schema: {
      tags,
      summary: 'Get a template version with its WBS, links, risks, documents and gate checklists',
      params: idParams,
      response: { 200: templateVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await templates.getTemplateVersion(db, actorOf(request), request.params.id)),
  });
  app.patch('/template-versions/:id', {
    schema: {
      tags,
      summary: 'Edit a draft template version; published versions are immutable (409)',
      params: idParams,
      headers: ifMatchHeader,
      body: templateVersionPatch,
      response: { 200: templateVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await templates.updateTemplateVersion(
          db,
          actorOf(request),
          request.params.id,
          expectedVersion(request),
          request.body,
        ),
      ),
  });
  app.post('/template-versions/:id/publish', {
    schema: {
      tags,
      summary: 'Publish a draft template version (PMO); the version published before is retired',
      params: idParams,
      headers: ifMatchHeader,
      response: { 200: templateVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await templates.publishTemplateVersion(
          db,
          actorOf(request),
          request.params.id,
          expectedVersion(request),
        ),
      ),
  });
  app.post('/project-templates/:id/instantiate', {
    schema: {
      tags,
      summary:
        'Create a project from a published template version: the project, its WBS and links (scheduled once), standard risks and required documents as configuration items, in one transaction',
      params: idParams,
      body: instantiateInput,
      response: { 201: instantiateResultSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await instantiateTemplate(db, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(result);
    },
  });
}
