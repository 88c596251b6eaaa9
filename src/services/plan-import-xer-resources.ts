import type { XerPlan } from '../interop/xer/index.ts';
import type { FileAssignment, FileResource } from './plan-import-resources.ts';

/**
 * The resources and assignments of one P6 project of an XER file, in the form the import writes:
 * only resources assigned to that project's activities (RSRC is shared by every project of a
 * file). `taskIds` maps the file's activity ids to the ids the import gave them.
 */
export function xerPlanResources(
  plan: XerPlan,
  taskIds: ReadonlyMap<string, string>,
): { resources: FileResource[]; assignments: FileAssignment[]; baselines: [] } {
  const assigned = plan.assignments.filter((a) => taskIds.has(a.taskId));
  const used = new Set(assigned.map((a) => a.resourceId));
  const resources = plan.resources
    .filter((r) => used.has(r.id))
    .map(
      (r): FileResource => ({
        where: `RSRC line ${r.line}`,
        key: r.id,
        name: r.name,
        code: r.code,
        kind: r.type === 'RT_Mat' ? 'material' : 'work',
        maxUnits: r.maxUnitsPerHour,
        standardRate: r.costPerHour,
        overtimeRate: 0,
        costPerUse: 0,
        email: r.email,
        materialUnit: null,
      }),
    );
  const assignments = assigned.map(
    (a): FileAssignment => ({
      where: `TASKRSRC line ${a.line}`,
      taskId: taskIds.get(a.taskId)!,
      resourceKey: a.resourceId,
      units: a.unitsPerHour,
      workMinutes: a.plannedHours * 60,
      actualWorkMinutes: a.actualHours * 60,
      cost: a.plannedCost,
    }),
  );
  return { resources, assignments, baselines: [] };
}
