import type { Command } from 'commander';

/**
 * Each command lives in its own module; this list is the only place that knows them all.
 * Add one import and one line in the list per command.
 */
const commands: Array<(program: Command) => void> = [];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
