import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { seedDemo } from '../../services/demo-seed.ts';
import { SCALE_PASSWORD, SCALES, seedScale } from '../../services/scale-seed.ts';
import { withDatabase } from '../database.ts';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got "${value}"`);
  return n;
};

export function registerSeedCommand(program: Command): void {
  const seed = program
    .command('seed')
    .description('Load data sets')
    .option(
      '--scale <size>',
      'an enterprise at scale: small (200 projects) or large (5,000 projects, 1M tasks)',
    )
    .option('--projects <n>', 'override the number of projects of --scale', positive)
    .option('--tasks <n>', 'override the tasks per project of --scale', positive)
    .option('--seed <n>', 'random seed: the same seed writes the same enterprise', positive, 42)
    .option(
      '--today <date>',
      'status date the actuals run up to (YYYY-MM-DD)',
      new Date().toISOString().slice(0, 10),
    )
    .option('--organization <name>', 'name of the organization to create')
    .option('--quiet', 'no progress bar')
    .action(
      (options: {
        scale?: string;
        projects?: number;
        tasks?: number;
        seed: number;
        today: string;
        organization?: string;
        quiet?: boolean;
      }) => {
        if (!options.scale)
          throw new Error('say what to load: `orrery seed demo`, or `orrery seed --scale small|large`');
        if (options.scale !== 'small' && options.scale !== 'large')
          throw new Error(`--scale must be small or large, not "${options.scale}"`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new Error('--today must be YYYY-MM-DD');
        const shape = SCALES[options.scale];
        const projects = options.projects ?? shape.projects;
        return withDatabase(async (db) => {
          const bar = options.quiet
            ? null
            : new SingleBar({
                format: 'seeding [{bar}] {value}/{total} projects | {eta_formatted} left',
                hideCursor: true,
              });
          bar?.start(projects, 0);
          const started = Date.now();
          const result = await seedScale(
            db,
            {
              projects,
              tasksPerProject: options.tasks ?? shape.tasksPerProject,
              resources: Math.min(shape.resources, Math.max(20, Math.ceil(projects * 0.4))),
              seed: options.seed,
              today: options.today,
              organization: options.organization ?? `Orrery Scale (${options.scale}, ${projects} projects)`,
            },
            (done) => bar?.update(done),
          );
          bar?.stop();
          process.stdout.write(
            `Seeded ${result.projects} projects, ${result.tasks} tasks, ${result.links} links in ${((Date.now() - started) / 1000).toFixed(1)} s; log in as ${result.adminEmail} / ${SCALE_PASSWORD}\n`,
          );
        });
      },
    );
  seed
    .command('demo')
    .description('The demo organization: 3 business units, 2 portfolios, 3 programs, 25 projects, 40 people')
    .action(() =>
      withDatabase(async (db) => {
        const result = await seedDemo(db);
        process.stdout.write(
          `${result.created ? 'Demo organization created' : 'Demo organization already present'}; log in as ${result.adminEmail} / ${result.adminPassword}\n`,
        );
      }),
    );
}
