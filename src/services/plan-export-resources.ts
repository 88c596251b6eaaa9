import type {
  BaselineTaskRow,
  PlanAssignmentRow,
  PoolResourceRow,
} from '../db/repositories/plan-resources.ts';
import type {
  MspdiWriteAssignment,
  MspdiWriteBaseline,
  MspdiWriteResource,
} from '../interop/mspdi-write/index.ts';

/** What a plan export adds to its tasks: the resources assigned, the assignments and saved baselines. */
export interface LoadedPlanResources {
  resources: PoolResourceRow[];
  assignments: PlanAssignmentRow[];
  baselineTasks: BaselineTaskRow[];
}

/** The plan's resources, assignments and baselines as MSPDI writes them; `taskUids` maps task ids to UIDs. */
export function mspdiResources(
  loaded: LoadedPlanResources,
  taskUids: ReadonlyMap<string, number>,
): {
  resources: MspdiWriteResource[];
  assignments: MspdiWriteAssignment[];
  baselinesOf: (taskId: string) => MspdiWriteBaseline[];
} {
  const resourceUids = new Map(loaded.resources.map((r, k) => [r.id, k + 1]));
  const baselines = new Map<string, MspdiWriteBaseline[]>();
  for (const b of loaded.baselineTasks) {
    const list = baselines.get(b.taskId) ?? [];
    list.push({
      number: b.number,
      start: b.start,
      finish: b.finish,
      durationMinutes: b.durationMinutes,
      workMinutes: b.workMinutes,
      cost: b.cost,
    });
    baselines.set(b.taskId, list);
  }
  return {
    resources: loaded.resources.map((r) => ({
      uid: resourceUids.get(r.id)!,
      name: r.name,
      code: r.code,
      type: r.kind === 'material' ? 'material' : 'work',
      maxUnits: r.maxUnits,
      standardRate: r.standardRate,
      overtimeRate: r.overtimeRate,
      costPerUse: r.perUseCost,
      email: r.email,
      materialLabel: r.materialUnit,
    })),
    assignments: loaded.assignments.flatMap((a, k) => {
      const taskUid = taskUids.get(a.taskId);
      const resourceUid = resourceUids.get(a.resourceId);
      if (taskUid === undefined || resourceUid === undefined) return [];
      return [
        {
          uid: k + 1,
          taskUid,
          resourceUid,
          units: a.units,
          workMinutes: a.workMinutes,
          actualWorkMinutes: a.actualWorkMinutes,
          cost: a.cost,
        },
      ];
    }),
    baselinesOf: (taskId) => baselines.get(taskId) ?? [],
  };
}
