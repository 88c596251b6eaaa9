import type { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { describeDatabase } from '../database.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations (serve does this too)')
    .action(async () => {
      const db = await openDatabase();
      try {
        const { applied, version } = await migrate(db);
        for (const migration of applied)
          process.stdout.write(`applied ${migration.version} ${migration.name}\n`);
        process.stdout.write(`${describeDatabase()}: schema at version ${version}\n`);
      } finally {
        await db.close();
      }
    });
}
