import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema } from '../../model/common.ts';
import {
  businessUnitInput,
  businessUnitPatch,
  businessUnitSchema,
  objectiveInput,
  objectivePatch,
  objectiveSchema,
  portfolioInput,
  portfolioPatch,
  portfolioSchema,
  programInput,
  programPatch,
  programSchema,
} from '../../model/organization.ts';
import * as structure from '../../services/structure.ts';
import { registerCollection } from './crud.ts';

export function registerStructureRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/business-units',
    tag: 'organization',
    noun: 'business unit',
    item: businessUnitSchema,
    createBody: businessUnitInput,
    patchBody: businessUnitPatch,
    filters: { parentId: idSchema.optional() },
    list: structure.listBusinessUnits,
    get: structure.getBusinessUnit,
    create: structure.createBusinessUnit,
    update: structure.updateBusinessUnit,
    remove: structure.deleteBusinessUnit,
  });
  registerCollection(api, db, {
    path: '/objectives',
    tag: 'organization',
    noun: 'strategic objective',
    item: objectiveSchema,
    createBody: objectiveInput,
    patchBody: objectivePatch,
    filters: {},
    list: structure.listObjectives,
    get: structure.getObjective,
    create: structure.createObjective,
    update: structure.updateObjective,
    remove: structure.deleteObjective,
  });
  registerCollection(api, db, {
    path: '/portfolios',
    tag: 'portfolios',
    noun: 'portfolio',
    item: portfolioSchema,
    createBody: portfolioInput,
    patchBody: portfolioPatch,
    filters: { businessUnitId: idSchema.optional() },
    list: structure.listPortfolios,
    get: structure.getPortfolio,
    create: structure.createPortfolio,
    update: structure.updatePortfolio,
    remove: structure.deletePortfolio,
  });
  registerCollection(api, db, {
    path: '/programs',
    tag: 'programs',
    noun: 'program',
    item: programSchema,
    createBody: programInput,
    patchBody: programPatch,
    filters: { portfolioId: z.uuid().optional() },
    list: structure.listPrograms,
    get: structure.getProgram,
    create: structure.createProgram,
    update: structure.updateProgram,
    remove: structure.deleteProgram,
  });
}
