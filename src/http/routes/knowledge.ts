import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  assetDetailSchema,
  assetDiffSchema,
  assetFilters,
  assetInput,
  assetPatch,
  assetSchema,
  assetTransitionInput,
  assetVersionInput,
  assetVersionPatch,
  assetVersionSchema,
  attachmentSchema,
  diffQuery,
  MAX_ATTACHMENT_BYTES,
  searchQuery,
  searchResultSchema,
} from '../../model/knowledge.ts';
import { ValidationError } from '../../services/errors.ts';
import * as assets from '../../services/process-assets.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

/** The knowledge hub: process assets, their versions, diffs, search and attachments. */
export function registerKnowledgeRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge'];

  app.get('/process-assets', {
    schema: {
      tags,
      summary:
        'List process assets: the published ones, plus the drafts the reader owns (all drafts for the PMO). Applicability filters also match assets that apply everywhere.',
      querystring: listQuerySchema.extend(assetFilters),
      response: { 200: pageSchema(assetSchema), ...errorResponses },
    },
    handler: (request) => assets.listAssets(db, actorOf(request), request.query),
  });
  app.get('/process-assets/search', {
    schema: {
      tags,
      summary:
        'Full-text search of published assets (web-search syntax), ranked by ts_rank_cd: title hits weigh most, then tags, then the body. Snippets mark matches with « and ».',
      querystring: searchQuery,
      response: { 200: searchResultSchema, ...errorResponses },
    },
    handler: (request) => assets.searchAssets(db, actorOf(request), request.query),
  });
  app.post('/process-assets', {
    schema: {
      tags,
      summary: 'Create a process asset with its first draft version (PMO)',
      body: assetInput,
      response: { 201: assetSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const asset = await assets.createAsset(db, actorOf(request), request.body);
      reply.code(201).header('ETag', `"${asset.version}"`);
      return asset;
    },
  });
  app.get('/process-assets/:id', {
    schema: {
      tags,
      summary:
        'Get a process asset with its versions (drafts only for the owner and the PMO) and attachments',
      params: idParams,
      response: { 200: assetDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const asset = await assets.getAsset(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${asset.version}"`);
      return asset;
    },
  });
  app.patch('/process-assets/:id', {
    schema: {
      tags,
      summary: "Change an asset's title, kind, owner, tags or applicability (PMO)",
      params: idParams,
      headers: ifMatchHeader,
      body: assetPatch,
      response: { 200: assetSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const asset = await assets.updateAsset(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${asset.version}"`);
      return asset;
    },
  });
  app.delete('/process-assets/:id', {
    schema: {
      tags,
      summary: 'Delete an asset that was never published (PMO); a published one is retired instead',
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await assets.deleteAsset(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
  app.get('/process-assets/:id/diff', {
    schema: {
      tags,
      summary: 'A line and word diff between two versions of an asset, by version number',
      params: idParams,
      querystring: diffQuery,
      response: { 200: assetDiffSchema, ...errorResponses },
    },
    handler: (request) =>
      assets.diffAssetVersions(db, actorOf(request), request.params.id, request.query.from, request.query.to),
  });
  app.post('/process-assets/:id/versions', {
    schema: {
      tags,
      summary:
        "Start the asset's next version as a draft, from the latest text unless a body is given (owner or PMO)",
      params: idParams,
      body: assetVersionInput,
      response: { 201: assetVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await assets.createAssetVersion(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${version.version}"`);
      return version;
    },
  });
  app.get('/asset-versions/:id', {
    schema: {
      tags,
      summary: 'Get one version of an asset with its Markdown body',
      params: idParams,
      response: { 200: assetVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await assets.getAssetVersion(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${version.version}"`);
      return version;
    },
  });
  app.patch('/asset-versions/:id', {
    schema: {
      tags,
      summary: 'Edit a draft version; a published or retired version is immutable (409)',
      params: idParams,
      headers: ifMatchHeader,
      body: assetVersionPatch,
      response: { 200: assetVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await assets.updateAssetVersion(
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
  app.post('/asset-versions/:id/transition', {
    schema: {
      tags,
      summary:
        'Move a version through its lifecycle: draft → in_review (owner), in_review → draft (owner), in_review → published and published → retired (PMO). Publishing retires the version published before.',
      params: idParams,
      headers: ifMatchHeader,
      body: assetTransitionInput,
      response: { 200: assetVersionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const version = await assets.transitionAssetVersion(
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
  app.post('/process-assets/:id/attachments', {
    schema: {
      tags,
      summary: 'Attach a file to an asset (multipart field `file`, 5 MB at most; owner or PMO)',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: attachmentSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart())
        throw new ValidationError([{ field: 'file', message: 'send the file as multipart/form-data' }]);
      // Stop reading past the attachment limit (the app's own limit is for plan files): a larger file is a 413.
      const upload = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
      if (!upload) throw new ValidationError([{ field: 'file', message: 'is required' }]);
      const content = await upload.toBuffer();
      const attachment = await assets.addAttachment(db, actorOf(request), request.params.id, {
        fileName: upload.filename,
        contentType: upload.mimetype,
        content,
      });
      return reply.code(201).send(attachment);
    },
  });
  app.get('/asset-attachments/:id', {
    schema: {
      tags,
      summary: "Download an asset's attachment",
      params: idParams,
      response: { ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await assets.downloadAttachment(db, actorOf(request), request.params.id);
      const safeName = file.fileName.replace(/["\\\r\n]/g, '_');
      reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${safeName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'no-store');
      return reply.send(Buffer.from(file.content) as never);
    },
  });
  app.delete('/asset-attachments/:id', {
    schema: {
      tags,
      summary: "Remove an asset's attachment (owner or PMO)",
      params: idParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await assets.deleteAttachment(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
