import type { Command } from 'commander';
import { registerLevelCommand } from './level.ts';

/**
 * Each command lives in its own module; this list is the only place that knows them all.
 * Add one import and one line in the list per command.
 */
const commands: Array<(program: Command) => void> = [registerLevelCommand];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
