import type { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { flagLateReportsEverywhere } from '../../services/late-reports.ts';

/** `orrery reports flag-late`: tells program managers and the PMO of status reports that became late. */
export function registerReportsCommand(program: Command): void {
  const reports = program.command('reports').description('Status report operations');
  reports
    .command('flag-late')
    .description(
      'Notify the program manager and PMO of every project whose status report is late (once per missed due date)',
    )
    .option('--date <yyyy-mm-dd>', 'the day to evaluate on (default: today, UTC)')
    .action(async (options: { date?: string }) => {
      const date = options.date ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
        throw new Error(`--date: "${options.date}" is not a date (YYYY-MM-DD)`);
      const db = await openDatabase();
      try {
        await migrate(db);
        for (const result of await flagLateReportsEverywhere(db, date)) {
          process.stdout.write(
            `${result.orgId}: ${result.flagged.length} late report(s) flagged, ${result.alreadyFlagged} already flagged\n`,
          );
          for (const flag of result.flagged)
            process.stdout.write(`  ${flag.projectCode} due ${flag.dueDate}: ${flag.notified} notified\n`);
        }
      } finally {
        await db.close();
      }
    });
}
