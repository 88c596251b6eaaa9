import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connection.ts';
import { roleGrantInput, roleGrantSchema, userInput, userPatch, userSchema } from '../../model/access.ts';
import { idSchema } from '../../model/common.ts';
import * as access from '../../services/access.ts';
import { registerCollection } from './crud.ts';

export function registerAccessRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/users',
    tag: 'access',
    noun: 'user',
    item: userSchema,
    createBody: userInput,
    patchBody: userPatch,
    filters: {},
    list: access.listUsers,
    get: access.getUser,
    create: access.createUser,
    update: access.updateUser,
  });
  registerCollection(api, db, {
    path: '/role-grants',
    tag: 'access',
    noun: 'role grant',
    item: roleGrantSchema,
    createBody: roleGrantInput,
    filters: { userId: idSchema.optional() },
    list: access.listRoleGrants,
    get: access.getRoleGrant,
    create: access.createRoleGrant,
    remove: access.deleteRoleGrant,
  });
}
