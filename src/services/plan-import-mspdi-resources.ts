import { formatLocalDateTime } from '../engine/calendar/index.ts';
import type { MspdiDocument } from '../interop/mspdi/index.ts';
import type { FileAssignment, FileBaselineTask, FileResource } from './plan-import-resources.ts';

const local = (minutes: number | null) => (minutes === null ? null : formatLocalDateTime(minutes));

/**
 * An MSPDI document's resources, assignments and task baselines in the form the import writes.
 * Cost resources have no counterpart in the pool yet: they and their assignments are skipped
 * with a warning. `taskIds` maps the file's task UIDs to the ids the import gave them.
 */
export function mspdiPlanResources(
  plan: MspdiDocument,
  taskIds: ReadonlyMap<number, string>,
  warnings: string[],
): { resources: FileResource[]; assignments: FileAssignment[]; baselines: FileBaselineTask[] } {
  const costResources = new Set(plan.resources.filter((r) => r.type === 'cost').map((r) => r.uid));
  if (costResources.size > 0)
    warnings.push(`${costResources.size} cost resource(s) and their assignments were skipped`);
  const resources = plan.resources
    .filter((r) => r.type !== 'cost')
    .map(
      (r): FileResource => ({
        where: `Resource UID ${r.uid}`,
        key: String(r.uid),
        name: r.name,
        code: r.code,
        kind: r.type === 'material' ? 'material' : 'work',
        maxUnits: r.maxUnits,
        standardRate: r.standardRate,
        overtimeRate: r.overtimeRate,
        costPerUse: r.costPerUse,
        email: r.email,
        materialUnit: r.materialLabel,
      }),
    );
  // Assignments to the project summary task (UID 0) have no task row to hang on.
  const assignments = plan.assignments
    .filter((a) => !costResources.has(a.resourceUid) && taskIds.has(a.taskUid))
    .map(
      (a): FileAssignment => ({
        where: `Assignment UID ${a.uid}`,
        taskId: taskIds.get(a.taskUid)!,
        resourceKey: String(a.resourceUid),
        units: a.units,
        workMinutes: a.work,
        actualWorkMinutes: a.actualWork,
        cost: a.cost,
      }),
    );
  const baselines = plan.tasks.flatMap((task) =>
    taskIds.has(task.uid)
      ? (task.baselines ?? []).map(
          (b): FileBaselineTask => ({
            number: b.number,
            taskId: taskIds.get(task.uid)!,
            start: local(b.start),
            finish: local(b.finish),
            durationMinutes: b.duration,
            workMinutes: b.work,
            cost: b.cost,
          }),
        )
      : [],
  );
  return { resources, assignments, baselines };
}
