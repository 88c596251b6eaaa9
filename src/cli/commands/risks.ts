import type { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { runEscalationRulesForAll } from '../../services/escalation.ts';

/** `orrery risks escalate`: applies the escalation rules now (the server also does so on an interval). */
export function registerRisksCommand(program: Command): void {
  const risks = program.command('risks').description('Risk register operations');
  risks
    .command('escalate')
    .description("Apply every organization's escalation rules now and notify owners of overdue actions")
    .option('--at <iso>', 'the time to evaluate at (default: now)')
    .action(async (options: { at?: string }) => {
      const now = options.at ? new Date(options.at) : new Date();
      if (Number.isNaN(now.getTime())) throw new Error(`--at: "${options.at}" is not a date`);
      const db = await openDatabase();
      try {
        await migrate(db);
        for (const result of await runEscalationRulesForAll(db, now))
          process.stdout.write(
            `${result.orgId}: ${result.escalated} escalated, ${result.overdueNotified} overdue action(s) notified\n`,
          );
      } finally {
        await db.close();
      }
    });
}
