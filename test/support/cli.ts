import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `orrery …` as operators run it: a child process from the repository root. */
export function runOrrery(
  args: readonly string[],
  { env, timeoutMs }: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliResult> {
  return new Promise((resolve) => {
    // A child that outlives its test would hold the data directory the next command opens.
    const options = { cwd: repoRoot, env, timeout: timeoutMs, killSignal: 'SIGKILL' as const };
    execFile(tsx, ['src/cli/main.ts', ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * A private PGlite data directory for a test file's commands. The commands never get DATABASE_URL:
 * their migrations would land in the shared server's public schema. Each command boots PGlite in a
 * new process (the first also creates the cluster): seconds on an idle machine, much more on a
 * crowded one, hence the generous default timeout.
 */
export function cliWorkspace(name: string, timeoutMs = 150_000) {
  const dir = mkdtempSync(join(tmpdir(), `orrery-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, ORRERY_DATA_DIR: join(dir, 'db') };
  delete env.DATABASE_URL;
  return {
    dir,
    dataDir: join(dir, 'db'),
    timeoutMs,
    orrery: (...args: string[]) => runOrrery(args, { env, timeoutMs }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
