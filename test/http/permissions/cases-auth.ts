import { createApiToken } from '../../../src/services/auth.ts';
import { makeActor, TEST_PASSWORD } from '../../support/factories.ts';
import { actors, type Case, db, orgB, v1 } from './world.ts';

export const authCases: Case[] = [
  // Who one is, signing in and out, and one's own API tokens: open to every authenticated person.
  {
    route: 'GET /me',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/me` }),
  },
  {
    route: 'POST /auth/login',
    allowed: () => true,
    targets: ['in'],
    request: async (_t, actor) => ({
      method: 'POST',
      url: `${v1}/auth/login`,
      payload: { email: actors[actor].email, password: TEST_PASSWORD },
    }),
  },
  {
    route: 'POST /auth/logout',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/auth/logout` }),
  },
  {
    route: 'GET /tokens',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/tokens` }),
  },
  {
    route: 'POST /tokens',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/tokens`, payload: { name: 'extra' } }),
  },
  {
    // Tokens are personal: another person's token is not found, whoever asks.
    route: 'DELETE /tokens/:id',
    allowed: (_a, target) => target === 'in',
    targets: ['in', 'other'],
    request: async (target, actor) => {
      const owner = target === 'in' ? actors[actor] : await makeActor(db, orgB, 'team_member');
      const token = await createApiToken(db, owner, { name: 'to revoke' });
      return { method: 'DELETE', url: `${v1}/tokens/${token.id}` };
    },
  },
];
