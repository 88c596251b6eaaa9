import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { knownMigrations } from '../../src/db/migrate.ts';
import { actorFromApiToken, login } from '../../src/services/auth.ts';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('cli');
const { orrery, dataDir } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

const EMAIL = 'operator@cli.example';
const PASSWORD = 'operator password';

afterAll(cli.remove);

describe('orrery CLI', { timeout: CHILD_TIMEOUT_MS + 10_000 }, () => {
  let token = '';

  it('migrate applies the migrations and prints the schema version', async () => {
    const result = await orrery('migrate');
    expect(result.code, result.stderr).toBe(0);
    const version = knownMigrations().at(-1)!.version;
    expect(result.stdout).toContain('applied 1 foundation');
    expect(result.stdout).toContain(`schema at version ${version}`);
    expect(result.stdout).toContain(dataDir);
  });

  it('user create makes a PMO administrator with an organization', async () => {
    const result = await orrery(
      'user',
      'create',
      '--email',
      EMAIL,
      '--name',
      'CLI Operator',
      '--password',
      PASSWORD,
      '--org',
      'CLI Org',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Created ${EMAIL} \\(pmo_admin\\) in CLI Org; id [0-9a-f-]{36}\\n$`),
    );
  });

  it('token create prints an orr_ token once, on stdout alone', async () => {
    const result = await orrery('token', 'create', '--email', EMAIL, '--name', 'scripts');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^orr_[0-9a-f-]{36}_[A-Za-z0-9_-]{20,}\n$/);
    token = result.stdout.trim();
  });

  it('user create with a bad --role exits non-zero naming the option', async () => {
    const result = await orrery(
      'user',
      'create',
      '--email',
      'someone@cli.example',
      '--name',
      'Someone',
      '--password',
      PASSWORD,
      '--role',
      'overlord',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--role');
    expect(result.stderr).toContain('overlord');
  });

  it('leaves a database where the new administrator logs in and the token works', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const session = await login(db, { email: EMAIL, password: PASSWORD }, '127.0.0.1');
      expect(session.actor.grants).toEqual([{ role: 'pmo_admin', scopeType: 'organization', scopeId: null }]);
      const viaToken = await actorFromApiToken(db, token);
      expect(viaToken?.userId).toBe(session.actor.userId);
      const refused = await db.query("SELECT 1 FROM users WHERE email = 'someone@cli.example'");
      expect(refused).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
