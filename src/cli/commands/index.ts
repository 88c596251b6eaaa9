import type { Command } from 'commander';
import { registerExportCommand } from './export.ts';
import { registerFinanceCommand } from './finance.ts';
import { registerImportCommand } from './import.ts';
import { registerJobsCommand } from './jobs.ts';
import { registerLevelCommand } from './level.ts';
import { registerMigrateCommand } from './migrate.ts';
import { registerOpenApiCommand } from './openapi.ts';
import { registerReportsCommand } from './reports.ts';
import { registerRisksCommand } from './risks.ts';
import { registerScheduleCommand } from './schedule.ts';
import { registerSeedCommand } from './seed.ts';
import { registerServeCommand } from './serve.ts';
import { registerSimulateCommand } from './simulate.ts';
import { registerTokenCommand } from './token.ts';
import { registerUserCommand } from './user.ts';

/**
 * Each command lives in its own module; this list is the only place that knows them all.
 * Add one import and one line in the list per command.
 */
const commands: Array<(program: Command) => void> = [
  registerServeCommand,
  registerMigrateCommand,
  registerSeedCommand,
  registerUserCommand,
  registerTokenCommand,
  registerOpenApiCommand,
  registerImportCommand,
  registerExportCommand,
  registerLevelCommand,
  registerScheduleCommand,
  registerRisksCommand,
  registerSimulateCommand,
  registerReportsCommand,
  registerJobsCommand,
  registerFinanceCommand,
];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
