import type { Queryable } from '../db/connection.ts';
import {
  findResourcesByCodeOrName,
  insertPlanAssignments,
  insertPoolResources,
  type NewPoolResource,
  type PlanAssignmentRow,
  type PoolResourceRow,
  replacePlanBaselines,
  takenResourceCodes,
} from '../db/repositories/plan-resources.ts';
import { uuidv7 } from '../db/uuid.ts';
import { ValidationError } from './errors.ts';
import type { Actor } from './policy.ts';

/** A resource as a plan file describes it (MSPDI `<Resource>`, XER `RSRC`). */
export interface FileResource {
  /** Where it sits in the file, for messages: `Resource UID 3`, `RSRC row 12`. */
  where: string;
  key: string;
  name: string;
  code: string | null;
  kind: 'work' | 'material';
  maxUnits: number;
  standardRate: number;
  overtimeRate: number;
  costPerUse: number;
  email: string | null;
  materialUnit: string | null;
}

export interface FileAssignment {
  where: string;
  taskId: string;
  resourceKey: string;
  units: number;
  workMinutes: number;
  actualWorkMinutes: number;
  cost: number;
}

export interface FileBaselineTask {
  number: number;
  taskId: string;
  start: string | null;
  finish: string | null;
  durationMinutes: number | null;
  workMinutes: number | null;
  cost: number | null;
}

export interface ResourceImportReport {
  /** Names of the organization's resources the file's resources were matched to (by code, else name). */
  matchedResources: string[];
  /** Names of the resources the import added to the organization's pool. */
  createdResources: string[];
  assignments: number;
  baselines: number[];
}

const MAX_UNITS = 1000;

function checkAmounts(resources: readonly FileResource[], assignments: readonly FileAssignment[]) {
  for (const r of resources) {
    if (!(r.maxUnits > 0 && r.maxUnits <= MAX_UNITS))
      throw new ValidationError([
        { field: 'file', message: `${r.where}: max units ${r.maxUnits} is not in (0, 1000]` },
      ]);
    for (const [label, value] of [
      ['standard rate', r.standardRate],
      ['overtime rate', r.overtimeRate],
      ['cost per use', r.costPerUse],
    ] as const)
      if (!(value >= 0))
        throw new ValidationError([{ field: 'file', message: `${r.where}: ${label} ${value} is negative` }]);
  }
  for (const a of assignments)
    if (!(a.units >= 0 && a.units <= MAX_UNITS) || !(a.workMinutes >= 0) || !(a.actualWorkMinutes >= 0))
      throw new ValidationError([
        {
          field: 'file',
          message: `${a.where}: units ${a.units} or work ${a.workMinutes} min is out of range`,
        },
      ]);
}

/** A code for a new resource: the file's own, else one made from the name; never one already taken. */
function uniqueCode(wanted: string, taken: Set<string>): string {
  let code = wanted;
  for (let n = 2; taken.has(code); n++) code = `${wanted}-${n}`;
  taken.add(code);
  return code;
}

const codeFromName = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24) || 'RES';

/**
 * Writes a plan file's resources, assignments and baselines in the import's transaction, after its
 * tasks. File resources are matched to the organization's pool by code, else by name; the rest are
 * created (with one rate row from the plan's start). Baselines replace the project's baselines.
 */
export async function importPlanResources(
  tx: Queryable,
  actor: Actor,
  projectId: string,
  planStart: string,
  file: { resources: FileResource[]; assignments: FileAssignment[]; baselines: FileBaselineTask[] },
): Promise<ResourceImportReport> {
  checkAmounts(file.resources, file.assignments);
  const onDate = planStart.slice(0, 10);
  const codes = file.resources.flatMap((r) => (r.code ? [r.code] : []));
  const existing = await findResourcesByCodeOrName(
    tx,
    actor.orgId,
    codes,
    file.resources.map((r) => r.name),
    onDate,
  );
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const byName = new Map<string, PoolResourceRow>();
  for (const r of existing) if (!byName.has(r.name)) byName.set(r.name, r);

  const resourceIds = new Map<string, string>();
  const matchedResources: string[] = [];
  const fresh: FileResource[] = [];
  for (const r of file.resources) {
    const match = (r.code ? byCode.get(r.code) : undefined) ?? byName.get(r.name);
    if (match) {
      resourceIds.set(r.key, match.id);
      matchedResources.push(match.name);
    } else fresh.push(r);
  }
  const wanted = fresh.map((r) => r.code ?? codeFromName(r.name));
  const taken = await takenResourceCodes(tx, actor.orgId, wanted);
  const created: NewPoolResource[] = fresh.map((r, k) => ({
    id: uuidv7(),
    code: uniqueCode(wanted[k], taken),
    name: r.name,
    kind: r.kind === 'material' ? 'material' : 'person',
    maxUnits: r.maxUnits,
    email: r.email,
    materialUnit: r.kind === 'material' ? r.materialUnit : null,
    rate: {
      id: uuidv7(),
      effectiveFrom: onDate,
      standardRate: r.standardRate,
      overtimeRate: r.overtimeRate,
      perUseCost: r.costPerUse,
    },
  }));
  for (const [k, r] of fresh.entries()) resourceIds.set(r.key, created[k].id);
  await insertPoolResources(tx, actor.orgId, created);

  // P6 may assign one resource to an activity twice (under two roles), and two file resources may
  // be one resource of the pool: the pool keeps one assignment per task and resource, so they add up.
  const merged = new Map<string, PlanAssignmentRow>();
  for (const a of file.assignments) {
    const resourceId = resourceIds.get(a.resourceKey);
    if (!resourceId)
      throw new ValidationError([{ field: 'file', message: `${a.where}: names no resource of the file` }]);
    const key = `${a.taskId} ${resourceId}`;
    const known = merged.get(key);
    const work = Math.round(a.workMinutes);
    const actual = Math.round(Math.min(a.actualWorkMinutes, a.workMinutes));
    if (known) {
      known.units = Math.min(MAX_UNITS, known.units + a.units);
      known.workMinutes += work;
      known.actualWorkMinutes += actual;
      known.cost += a.cost;
    } else
      merged.set(key, {
        id: uuidv7(),
        taskId: a.taskId,
        resourceId,
        units: a.units,
        workMinutes: work,
        actualWorkMinutes: actual,
        cost: a.cost,
      });
  }
  const assignments = [...merged.values()];
  await insertPlanAssignments(tx, actor.orgId, projectId, assignments);

  const numbers = [...new Set(file.baselines.map((b) => b.number))].sort((a, b) => a - b);
  const baselineIds = new Map(numbers.map((n) => [n, uuidv7()]));
  await replacePlanBaselines(
    tx,
    actor.orgId,
    projectId,
    actor.userId,
    numbers.map((number) => ({
      id: baselineIds.get(number)!,
      number,
      name: number === 0 ? 'Baseline (imported)' : `Baseline ${number} (imported)`,
    })),
    file.baselines.map((b) => ({
      baselineId: baselineIds.get(b.number)!,
      taskId: b.taskId,
      start: b.start,
      finish: b.finish,
      durationMinutes: Math.max(0, Math.round(b.durationMinutes ?? 0)),
      workMinutes: b.workMinutes === null ? null : Math.max(0, Math.round(b.workMinutes)),
      cost: b.cost,
    })),
  );
  return {
    matchedResources,
    createdResources: created.map((r) => r.name),
    assignments: assignments.length,
    baselines: numbers,
  };
}
