import type { Database } from '../db/connection.ts';
import { type ImportPhase, type ImportSummary, importMspdiPlan } from './plan-import.ts';
import { importXerPlan } from './plan-import-xer.ts';
import { importXlsxPlan } from './plan-import-xlsx.ts';
import type { Actor } from './policy.ts';

/** Plan file formats by name ending: Primavera XER, an Excel task sheet, or MS Project XML. */
export function planFileFormat(file: string): 'xer' | 'xlsx' | 'mspdi' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xer')) return 'xer';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return 'mspdi';
}

/**
 * Replaces a project's plan with an uploaded file, chosen by its name: `.xer` (Primavera P6),
 * `.xlsx` (a task sheet), anything else MS Project XML. One transaction either way.
 */
export function importPlanFile(
  db: Database,
  actor: Actor,
  projectId: string,
  bytes: Buffer,
  file: string,
  options: { xerProject?: string | null; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<ImportSummary> {
  const format = planFileFormat(file);
  if (format === 'xer') return importXerPlan(db, actor, projectId, bytes, file, options);
  if (format === 'xlsx') return importXlsxPlan(db, actor, projectId, bytes, file, options.onPhase);
  return importMspdiPlan(db, actor, projectId, bytes.toString('utf8'), file, options.onPhase);
}
