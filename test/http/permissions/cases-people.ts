import { createRoleGrant, createUser, getUser, listRoleGrants } from '../../../src/services/access.ts';
import { TEST_PASSWORD } from '../../support/factories.ts';
import {
  type Case,
  db,
  everyMember,
  extras,
  nextSequence,
  orgAdminOnly,
  pmoAnyScope,
  systemFor,
  tree,
  unitShapers,
  v1,
  version,
} from './world.ts';

export const peopleCases: Case[] = [
  // People and access.
  {
    route: 'GET /users',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/users` }),
  },
  {
    route: 'GET /users/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/users/${extras[t].user}` }),
  },
  {
    route: 'POST /users',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/users`,
      payload: { email: `new-${nextSequence()}@example.test`, name: 'New person', password: TEST_PASSWORD },
    }),
  },
  {
    route: 'PATCH /users/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      return {
        method: 'PATCH',
        url: `${v1}/users/${extras[t].user}`,
        headers: await version(() => getUser(db, systemFor(t), extras[t].user)),
        payload: { name: `Bystander ${nextSequence()}` },
      };
    },
  },
  {
    route: 'GET /role-grants',
    allowed: (actor) => actor === 'pmoOrg' || actor === 'pmoUnit',
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/role-grants` }),
  },
  {
    route: 'GET /role-grants/:id',
    allowed: pmoAnyScope,
    targets: ['in', 'other'],
    request: async (t) => {
      const page = await listRoleGrants(db, systemFor(t), {
        page: 1,
        pageSize: 5,
        order: 'asc',
        userId: extras[t].user,
      });
      return { method: 'GET', url: `${v1}/role-grants/${page.items[0].id}` };
    },
  },
  {
    route: 'POST /role-grants',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/role-grants`,
      payload: {
        userId: (
          await createUser(db, systemFor(t), {
            email: `grantee-${nextSequence()}@example.test`,
            name: 'Grantee',
            password: TEST_PASSWORD,
          })
        ).id,
        role: 'team_member',
        scopeType: 'project',
        scopeId: tree[t].project,
      },
    }),
  },
  {
    route: 'DELETE /role-grants/:id',
    allowed: unitShapers,
    request: async (t) => {
      const user = extras[t === 'other' ? 'other' : 'in'].user;
      const grant = await createRoleGrant(db, systemFor(t), {
        userId: user,
        role: 'executive_viewer',
        scopeType: 'project',
        scopeId: tree[t].project,
      }).catch(async () => {
        // The grant may exist from an earlier case; any grant at the target's project will do.
        const page = await listRoleGrants(db, systemFor(t), {
          page: 1,
          pageSize: 500,
          order: 'asc',
          userId: user,
        });
        return page.items.find((g) => g.scopeId === tree[t].project)!;
      });
      return {
        method: 'DELETE',
        url: `${v1}/role-grants/${grant.id}`,
        headers: { 'if-match': `"${grant.version}"` },
      };
    },
  },
];
