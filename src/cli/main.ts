import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';

const program = new Command();
program.name('orrery').description('Orrery, the open-source PMO platform').showHelpAfterError();
registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`orrery: ${message}\n`);
  process.exit(1);
});
