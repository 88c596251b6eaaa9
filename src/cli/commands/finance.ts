import type { Command } from 'commander';
import { refreshAllFinancials } from '../../services/project-financials.ts';
import { withDatabase } from '../database.ts';

/** `orrery finance refresh`: rewrites every project's stored figures; run nightly, as the status date moves. */
export function registerFinanceCommand(program: Command): void {
  const finance = program.command('finance').description('Budgets, actual costs and earned value');
  finance
    .command('refresh')
    .description("Recompute every project's stored financial figures (earned value at the status date)")
    .option('--as-of <date>', 'the status date, YYYY-MM-DD (default: today)')
    .action(async (options: { asOf?: string }) => {
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
        throw new Error(`--as-of: "${options.asOf}" is not a date written YYYY-MM-DD`);
      await withDatabase(async (db) => {
        for (const result of await refreshAllFinancials(db, asOf))
          process.stdout.write(`${result.orgId}: ${result.projects} project(s) refreshed as of ${asOf}\n`);
      });
    });
}
