import type { Command } from 'commander';
import { findLogin } from '../../db/repositories/auth.ts';
import { createApiToken, loadActor } from '../../services/auth.ts';
import { withDatabase } from '../database.ts';

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('Personal API tokens for scripts and the CLI');
  token
    .command('create')
    .description('Create an API token for a user; it is printed once')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--days <days>', 'expire after this many days')
    .action((options: { email: string; name: string; days?: string }) =>
      withDatabase(async (db) => {
        const login = await findLogin(db, options.email.toLowerCase());
        const actor = login && (await loadActor(db, login.orgId, login.userId));
        if (!actor) throw new Error(`--email: no active user ${options.email}`);
        const created = await createApiToken(db, actor, {
          name: options.name,
          expiresInDays: options.days === undefined ? null : Number(options.days),
        });
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          'Keep it safe: it is not shown again. Send it as "Authorization: Bearer <token>".\n',
        );
      }),
    );
}
