import type { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import '../../services/job-handlers.ts';
import { runDueJobs, scheduleRecurringJobs } from '../../services/jobs.ts';

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('The background job queue (e-mail, reminders)');
  jobs
    .command('run-once')
    .description('Run every job that is due now, then exit (for cron, or when serve runs no worker)')
    .option('--limit <n>', 'most jobs to run', '1000')
    .action(async (options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new Error(`--limit: "${options.limit}" is not a positive whole number`);
      const db = await openDatabase();
      try {
        await migrate(db);
        await scheduleRecurringJobs(db);
        let total = { claimed: 0, succeeded: 0, failed: 0 };
        while (total.claimed < limit) {
          const run = await runDueJobs(db, { limit: Math.min(50, limit - total.claimed) });
          if (run.claimed === 0) break;
          total = {
            claimed: total.claimed + run.claimed,
            succeeded: total.succeeded + run.succeeded,
            failed: total.failed + run.failed,
          };
        }
        process.stdout.write(
          `ran ${total.claimed} job(s): ${total.succeeded} succeeded, ${total.failed} failed\n`,
        );
      } finally {
        await db.close();
      }
    });
}
