import type { CalendarDefinition } from '../../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';

/** Values P6 stored for an activity, to compare a reschedule with. Times are epoch minutes. */
export interface XerStoredDates {
  readonly earlyStart: number | null;
  readonly earlyFinish: number | null;
  readonly lateStart: number | null;
  readonly lateFinish: number | null;
  /** Hours, as P6 stores them. */
  readonly totalFloatHours: number | null;
  readonly freeFloatHours: number | null;
  readonly drivingPath: boolean | null;
}

export type XerTaskType = 'TT_Task' | 'TT_Rsrc' | 'TT_LOE' | 'TT_Mile' | 'TT_FinMile' | 'TT_WBS';
export type XerStatus = 'TK_NotStart' | 'TK_Active' | 'TK_Complete';

export interface XerProject {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly calendarId: string | null;
  /** The data date (last_recalc_date), or the planned start when the file has none. */
  readonly dataDate: number | null;
  readonly plannedStart: number | null;
  /** "Must finish by" (plan_end_date). */
  readonly mustFinishBy: number | null;
  readonly criticalFloatHours: number;
  readonly lagCalendar: 'predecessor' | 'successor' | 'project' | '24h';
  readonly floatType: 'start' | 'finish' | 'smallest';
  readonly retainedLogic: boolean;
  readonly line: number;
}

export interface XerWbs {
  readonly id: string;
  readonly projectId: string;
  readonly parentId: string | null;
  readonly code: string;
  readonly name: string;
  readonly sequence: number;
  /** The WBS node that stands for the project itself. */
  readonly projectNode: boolean;
  readonly line: number;
}

export interface XerTask {
  readonly id: string;
  readonly projectId: string;
  readonly wbsId: string | null;
  readonly calendarId: string | null;
  readonly code: string;
  readonly name: string;
  readonly type: XerTaskType;
  readonly status: XerStatus;
  readonly percentComplete: number;
  /** Planned (original) and remaining duration, hours. */
  readonly targetHours: number;
  readonly remainingHours: number;
  readonly constraintType: ConstraintType;
  readonly constraintDate: number | null;
  readonly actualStart: number | null;
  readonly actualFinish: number | null;
  /** Remaining early start P6 computed (restart_date). */
  readonly remainingStart: number | null;
  readonly stored: XerStoredDates;
  readonly line: number;
}

export interface XerLink {
  readonly id: string;
  readonly taskId: string;
  readonly predecessorId: string;
  readonly type: LinkType;
  readonly lagHours: number;
  readonly line: number;
}

export interface XerCalendar extends CalendarDefinition {
  readonly id: string;
  readonly name: string;
  readonly hoursPerDay: number | null;
  readonly type: string;
  readonly projectId: string | null;
}

export interface XerResource {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly calendarId: string | null;
  /** RT_Labor, RT_Equip, RT_Mat. */
  readonly type: string;
  readonly email: string | null;
  /** From the resource's first RSRCRATE row: units per hour (1 = one full-time unit) and cost per hour. */
  readonly maxUnitsPerHour: number;
  readonly costPerHour: number;
  readonly line: number;
}

export interface XerAssignment {
  readonly id: string;
  readonly taskId: string;
  readonly resourceId: string;
  /** Units per hour (1 = one full-time resource). */
  readonly unitsPerHour: number;
  readonly plannedHours: number;
  readonly actualHours: number;
  readonly plannedCost: number;
  readonly line: number;
}

export interface XerPlan {
  readonly file: string;
  /** P6 version from the header. */
  readonly version: string;
  readonly projects: XerProject[];
  readonly calendars: XerCalendar[];
  readonly wbs: XerWbs[];
  readonly tasks: XerTask[];
  readonly links: XerLink[];
  readonly resources: XerResource[];
  readonly assignments: XerAssignment[];
  /** Links that name an activity not in the file (external links), left out. */
  readonly warnings: string[];
}
