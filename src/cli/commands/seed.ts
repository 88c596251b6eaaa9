import type { Command } from 'commander';
import { seedDemo } from '../../services/demo-seed.ts';
import { withDatabase } from '../database.ts';

export function registerSeedCommand(program: Command): void {
  const seed = program.command('seed').description('Load data sets');
  seed
    .command('demo')
    .description('The demo organization: 3 business units, 2 portfolios, 3 programs, 25 projects, 40 people')
    .action(() =>
      withDatabase(async (db) => {
        const result = await seedDemo(db);
        process.stdout.write(
          `${result.created ? 'Demo organization created' : 'Demo organization already present'}; log in as ${result.adminEmail} / ${result.adminPassword}\n`,
        );
      }),
    );
}
