import type { LinkAdd, PlanEdit } from './gantt-api.ts';
import type { DragState } from './gantt-bars.tsx';
import {
  type GanttColumns,
  localDateTime,
  MINUTES_PER_DAY,
  SUMMARY,
  weekdaysBetween,
} from './gantt-model.ts';
import type { TimeScale } from './time-scale.ts';

/**
 * What a finished drag asks the server to do, or null when it changes nothing. Moves snap to
 * whole days and set Start No Earlier Than at the dropped date, as MS Project does; a resized
 * bar's new duration counts the weekdays it now spans (the engine applies the real calendar).
 */
export function dropEdit(
  data: GanttColumns,
  scale: TimeScale,
  drag: DragState,
  dropTarget: number,
): PlanEdit | LinkAdd | null {
  const t = data.tasks;
  const task = drag.task;
  if (drag.mode === 'link') {
    if (dropTarget < 0 || dropTarget === task) return null;
    return {
      kind: 'link-add',
      predecessorId: t.id[task],
      successorId: t.id[dropTarget],
      type: 'FS',
      lagMinutes: 0,
    };
  }
  const start = t.start[task];
  const finish = t.finish[task];
  if (start === null || finish === null || t.flags[task] & SUMMARY) return null;
  const days = Math.round(drag.dx / scale.pxPerMinute / MINUTES_PER_DAY);
  if (days === 0) return null;
  if (drag.mode === 'move') {
    return {
      kind: 'task',
      id: t.id[task],
      version: t.version[task],
      patch: { constraintType: 'SNET', constraintDate: localDateTime(start + days * MINUTES_PER_DAY) },
    };
  }
  const newFinish = Math.max(start, finish + days * MINUTES_PER_DAY);
  const durationMinutes = Math.max(1, weekdaysBetween(start, newFinish)) * 480;
  if (durationMinutes === t.durationMinutes[task]) return null;
  return { kind: 'task', id: t.id[task], version: t.version[task], patch: { durationMinutes } };
}
