import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemo } from '../../services/demo-seed.ts';
import { startEscalationSweep } from '../../services/escalation.ts';
import '../../services/job-handlers.ts';
import { startJobWorker } from '../../services/jobs.ts';
import { describeDatabase } from '../database.ts';

const webRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Orrery server: API, API reference and web app')
    .option('--port <port>', 'port to listen on (or PORT)', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed-demo', 'load the demo organization first, when the database does not have it')
    .option('--quiet', 'no request log')
    .action(async (options: { port: string; host: string; seedDemo?: boolean; quiet?: boolean }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: "${options.port}" is not a port`);
      const sweepMs = Number(process.env.ORRERY_ESCALATION_SWEEP_MS ?? 300_000);
      if (!Number.isInteger(sweepMs) || sweepMs < 1000)
        throw new Error(
          `ORRERY_ESCALATION_SWEEP_MS: "${process.env.ORRERY_ESCALATION_SWEEP_MS}" is not a whole number of milliseconds, 1000 or more`,
        );
      const db = await openDatabase();
      const { applied, version } = await migrate(db);
      if (applied.length > 0)
        process.stderr.write(`Applied ${applied.length} migration(s); schema at version ${version}\n`);
      const demo = options.seedDemo ? await seedDemo(db) : null;
      if (!existsSync(`${webRoot}index.html`))
        process.stderr.write(
          'The web app is not built: run `npm run build:web` (the API works without it).\n',
        );
      const app = await buildApp({
        db,
        webRoot,
        logger: !options.quiet,
        trustProxy: process.env.ORRERY_TRUST_PROXY === '1',
      });
      // Time-based escalation rules (overdue actions) need no write to fire; sweep every few minutes.
      const sweep = startEscalationSweep(db, sweepMs, (error) =>
        app.log.error(error, 'escalation sweep failed'),
      );
      // The job queue (e-mail, reminders); ORRERY_JOBS_INTERVAL_MS=0 leaves it to another server.
      const jobsMs = Number(process.env.ORRERY_JOBS_INTERVAL_MS ?? 10_000);
      if (!Number.isInteger(jobsMs) || jobsMs < 0)
        throw new Error(
          `ORRERY_JOBS_INTERVAL_MS: "${process.env.ORRERY_JOBS_INTERVAL_MS}" is not a whole number of milliseconds`,
        );
      const jobs =
        jobsMs > 0 ? startJobWorker(db, jobsMs, (error) => app.log.error(error, 'job worker failed')) : null;
      const close = async () => {
        await jobs?.stop();
        await sweep.stop();
        await app.close();
        await db.close();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
      await app.listen({ port, host: options.host });
      const address = app.server.address();
      const shownPort = typeof address === 'object' && address ? address.port : port;
      const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${shownPort}/`;
      process.stdout.write(
        [
          '',
          `  Orrery is running at ${url}`,
          `  API reference:        ${url}api/docs`,
          `  Database:             ${describeDatabase()}`,
          ...(demo ? [`  Demo login:           ${demo.adminEmail} / ${demo.adminPassword}`] : []),
          '',
        ].join('\n'),
      );
    });
}
