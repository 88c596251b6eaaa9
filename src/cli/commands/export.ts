import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { findProjectsByCode } from '../../db/repositories/plans.ts';
import { systemActor } from '../../services/access.ts';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportPhase,
  exportProjectPlan,
} from '../../services/plan-export.ts';
import { withDatabase } from '../database.ts';

const FORMATS: Record<string, ExportFormat> = {
  '.xml': 'mspdi',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.xer': 'xer',
};
const STEPS: Record<ExportPhase, { step: number; label: string }> = {
  read: { step: 0, label: 'reading the plan' },
  write: { step: 1, label: 'writing the file' },
};

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      "Write a project's plan to a file: MS Project XML (.xml), Primavera P6 (.xer), CSV (.csv) or Excel (.xlsx)",
    )
    .requiredOption('--project <code>', 'the project code')
    .argument('<file>', 'the file to write; its ending chooses the format unless --format is given')
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .action((file: string, options: { project: string; format?: string }) => {
      if (options.format !== undefined && !EXPORT_FORMATS.includes(options.format as ExportFormat))
        throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${options.format}"`);
      const format = (options.format as ExportFormat | undefined) ?? FORMATS[extname(file).toLowerCase()];
      if (!format)
        throw new Error(
          `${file}: the file must end in ${Object.keys(FORMATS).join(', ')} to choose the format, or give --format`,
        );
      return withDatabase(async (db) => {
        const matches = await findProjectsByCode(db, options.project);
        if (matches.length === 0) throw new Error(`--project: no project has the code ${options.project}`);
        if (matches.length > 1)
          throw new Error(`--project: ${matches.length} organizations have a project ${options.project}`);
        const [project] = matches;
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: `${options.project} [{bar}] {step}`, stream: process.stderr })
          : null;
        bar?.start(3, 0, { step: 'starting' });
        const started = Date.now();
        try {
          const exported = await exportProjectPlan(
            db,
            systemActor(project.orgId, 'cli export'),
            project.id,
            format,
            (phase) => bar?.update(STEPS[phase].step, { step: STEPS[phase].label }),
          );
          writeFileSync(file, exported.body);
          bar?.update(3, { step: 'done' });
        } finally {
          bar?.stop();
        }
        process.stdout.write(
          `Exported ${options.project} to ${file} (${format}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      });
    });
}
