import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { findProjectsByCode } from '../../db/repositories/plans.ts';
import { systemActor } from '../../services/access.ts';
import type { ImportPhase } from '../../services/plan-import.ts';
import { importPlanFile } from '../../services/plan-import-file.ts';
import { withDatabase } from '../database.ts';

const phases: Record<ImportPhase, string> = {
  read: 'reading the file',
  schedule: 'scheduling',
  write: 'writing tasks, links and calendars',
};

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      "Replace a project's plan with an MS Project XML (.xml), Primavera P6 (.xer) or Excel task sheet (.xlsx) file, in one transaction",
    )
    .argument('<file>', 'the .xml, .xer or .xlsx file')
    .requiredOption('--project <code>', 'the project code')
    .option(
      '--xer-project <code>',
      'in a .xer file with several projects, the one to import (default: --project)',
    )
    .action((file: string, options: { project: string; xerProject?: string }) =>
      withDatabase(async (db) => {
        const matches = await findProjectsByCode(db, options.project);
        if (matches.length === 0) throw new Error(`--project: no project has the code ${options.project}`);
        if (matches.length > 1)
          throw new Error(`--project: ${matches.length} organizations have a project ${options.project}`);
        const [project] = matches;
        const bytes = readFileSync(file);
        const started = Date.now();
        // A bar on a terminal; one line per phase in logs and pipes.
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: `${options.project} [{bar}] {step}`, stream: process.stderr })
          : null;
        bar?.start(3, 0, { step: 'starting' });
        let phasesSeen = 0;
        let summary: Awaited<ReturnType<typeof importPlanFile>>;
        try {
          summary = await importPlanFile(
            db,
            systemActor(project.orgId, 'cli import'),
            project.id,
            bytes,
            basename(file),
            {
              xerProject: options.xerProject ?? options.project,
              // importers report their phases in their own order; the bar only counts them
              onPhase: (phase) => {
                if (bar) bar.update(++phasesSeen - 1, { step: phases[phase] });
                else process.stderr.write(`${options.project}: ${phases[phase]}…\n`);
              },
            },
          );
          bar?.update(3, { step: 'done' });
        } finally {
          bar?.stop();
        }
        for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
        process.stdout.write(
          `Imported ${summary.tasks} tasks, ${summary.links} links and ${summary.calendars} calendars into ${options.project} ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s; finish ${summary.computedFinish ?? 'n/a'}\n`,
        );
      }),
    );
}
