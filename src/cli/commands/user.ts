import { type Command, Option } from 'commander';
import { roles } from '../../model/access.ts';
import { createUser, ensureOrganization, grantRoleAsSystem, systemActor } from '../../services/access.ts';
import { withDatabase } from '../database.ts';

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user (and the organization, when new) with an organization-wide role')
    .requiredOption('--email <email>', 'login e-mail address')
    .requiredOption('--name <name>', 'display name')
    .requiredOption(
      '--password <password>',
      'at least 10 characters (or ORRERY_PASSWORD)',
      process.env.ORRERY_PASSWORD,
    )
    .option('--org <name>', 'organization name', 'My Organization')
    .option('--currency <code>', 'currency of a new organization', 'USD')
    .addOption(new Option('--role <role>', 'organization-wide role').choices(roles).default('pmo_admin'))
    .action(
      (options: {
        email: string;
        name: string;
        password: string;
        org: string;
        currency: string;
        role: string;
      }) =>
        withDatabase(async (db) => {
          const orgId = await ensureOrganization(db, options.org, options.currency);
          const actor = systemActor(orgId, 'cli');
          const created = await createUser(db, actor, {
            email: options.email,
            name: options.name,
            password: options.password,
          });
          await grantRoleAsSystem(db, orgId, {
            userId: created.id,
            role: options.role as (typeof roles)[number],
            scopeType: 'organization',
            scopeId: null,
          });
          process.stdout.write(
            `Created ${created.email} (${options.role}) in ${options.org}; id ${created.id}\n`,
          );
        }),
    );
}
