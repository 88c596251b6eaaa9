import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema } from '../../model/common.ts';
import {
  complianceRollupSchema,
  correctiveActionInput,
  correctiveActionPatch,
  correctiveActionSchema,
  findingInput,
  findingPatch,
  findingSchema,
  inspectionInput,
  inspectionPatch,
  inspectionSchema,
  projectComplianceSchema,
  qualityStandardInput,
  qualityStandardPatch,
  qualityStandardSchema,
} from '../../model/quality.ts';
import * as quality from '../../services/quality.ts';
import * as compliance from '../../services/quality-compliance.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams, registerCollection } from './crud.ts';

const asOf = z.object({
  asOf: z.iso.date().optional().describe('The day actions count as overdue from (default today)'),
});

export function registerQualityRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/quality-standards',
    tag: 'quality',
    noun: 'quality standard',
    item: qualityStandardSchema,
    createBody: qualityStandardInput,
    patchBody: qualityStandardPatch,
    filters: {
      active: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
    },
    list: quality.listQualityStandards,
    get: quality.getQualityStandard,
    create: quality.createQualityStandard,
    update: quality.updateQualityStandard,
    remove: quality.deleteQualityStandard,
  });
  registerCollection(api, db, {
    path: '/inspections',
    tag: 'quality',
    noun: 'inspection or audit',
    item: inspectionSchema,
    createBody: inspectionInput,
    patchBody: inspectionPatch,
    filters: { projectId: idSchema.optional() },
    list: quality.listInspections,
    get: quality.getInspection,
    create: quality.createInspection,
    update: quality.updateInspection,
    remove: quality.deleteInspection,
  });
  registerCollection(api, db, {
    path: '/quality-findings',
    tag: 'quality',
    noun: 'quality finding',
    item: findingSchema,
    createBody: findingInput,
    patchBody: findingPatch,
    filters: {
      projectId: idSchema.optional(),
      inspectionId: idSchema.optional(),
      status: z.enum(['open', 'closed']).optional(),
    },
    list: quality.listFindings,
    get: quality.getFinding,
    create: quality.createFinding,
    update: quality.updateFinding,
    remove: quality.deleteFinding,
  });
  registerCollection(api, db, {
    path: '/corrective-actions',
    tag: 'quality',
    noun: 'corrective action',
    item: correctiveActionSchema,
    createBody: correctiveActionInput,
    patchBody: correctiveActionPatch,
    filters: {
      projectId: idSchema.optional(),
      findingId: idSchema.optional(),
      ownerId: idSchema.optional(),
      status: z.enum(['open', 'in_progress', 'done']).optional(),
    },
    list: quality.listCorrectiveActions,
    get: quality.getCorrectiveAction,
    create: quality.createCorrectiveAction,
    update: quality.updateCorrectiveAction,
    remove: quality.deleteCorrectiveAction,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];
  app.get('/projects/:id/compliance', {
    schema: {
      tags,
      summary: "A project's compliance: applicable checks passed, open findings by severity, overdue actions",
      params: idParams,
      querystring: asOf,
      response: { 200: projectComplianceSchema, ...errorResponses },
    },
    handler: (request) =>
      compliance.projectCompliance(db, actorOf(request), request.params.id, request.query.asOf),
  });
  app.get('/quality/compliance', {
    schema: {
      tags,
      summary: 'Compliance rolled up per portfolio and per program, over the projects you may read',
      querystring: asOf,
      response: { 200: complianceRollupSchema, ...errorResponses },
    },
    handler: (request) => compliance.complianceRollup(db, actorOf(request), request.query.asOf),
  });
}
