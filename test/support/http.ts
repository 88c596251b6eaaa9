import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from './database.ts';
import { makeActor, makeOrganization, TEST_PASSWORD } from './factories.ts';

export interface AdminApp {
  readonly db: Database;
  readonly app: App;
  readonly system: Actor;
  readonly orgId: string;
  /** The session cookie of a PMO administrator of the organization. */
  readonly session: string;
}

/**
 * Registers, inside a test file, what the HTTP suites share: a fresh database with one
 * organization, the app over it, a PMO administrator signed in, and the teardown. Read the
 * fields inside tests (they are set in `beforeAll`).
 */
export function adminApp(): AdminApp {
  const state: Partial<{ -readonly [K in keyof AdminApp]: AdminApp[K] }> = {};
  beforeAll(async () => {
    state.db = await openTestDatabase();
    const { orgId, system } = await makeOrganization(state.db);
    Object.assign(state, { orgId, system });
    const { email } = await makeActor(state.db, orgId, 'pmo_admin');
    state.app = await buildApp({ db: state.db });
    const login = await state.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'orrery_session');
    if (!cookie) throw new Error(`the test administrator could not sign in: ${login.body}`);
    state.session = cookie.value;
  });
  afterAll(async () => {
    await state.app?.close();
    await state.db?.close();
  });
  const started = <K extends keyof AdminApp>(key: K): AdminApp[K] => {
    const value = state[key];
    if (value === undefined) throw new Error('the test app has not started (use it inside a test)');
    return value as AdminApp[K];
  };
  return {
    get db() {
      return started('db');
    },
    get app() {
      return started('app');
    },
    get system() {
      return started('system');
    },
    get orgId() {
      return started('orgId');
    },
    get session() {
      return started('session');
    },
  };
}
