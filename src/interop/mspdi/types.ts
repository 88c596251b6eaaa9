import type { CalendarDefinition } from '../../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';

/** Dates MS Project stored for a task, kept to compare with Orrery's own computation. */
export interface StoredTaskDates {
  readonly start: number | null;
  readonly finish: number | null;
  readonly earlyStart: number | null;
  readonly earlyFinish: number | null;
  readonly lateStart: number | null;
  readonly lateFinish: number | null;
  /** Minutes (MSPDI stores tenths of minutes). */
  readonly totalSlack: number | null;
  readonly freeSlack: number | null;
  readonly critical: boolean | null;
}

export interface MspdiLink {
  readonly predecessorUid: number;
  readonly type: LinkType;
  /** Minutes; for percent lags, null and `lagPercent` set. */
  readonly lag: number;
  readonly lagPercent: number | null;
  readonly lagElapsed: boolean;
  readonly lagFormat: number;
  readonly crossProject: boolean;
}

export interface MspdiTask {
  readonly uid: number;
  readonly id: number | null;
  readonly name: string;
  readonly outlineLevel: number;
  readonly outlineNumber: string | null;
  readonly parentUid: number | null;
  readonly summary: boolean;
  readonly milestone: boolean;
  readonly manual: boolean;
  /** MS Project's "Estimated" flag (the duration shows a question mark). */
  readonly estimated: boolean;
  readonly active: boolean;
  /** Minutes of working time (or wall-clock minutes when `durationElapsed`). */
  readonly duration: number;
  readonly durationElapsed: boolean;
  readonly remainingDuration: number | null;
  readonly constraintType: ConstraintType;
  readonly constraintDate: number | null;
  readonly deadline: number | null;
  readonly actualStart: number | null;
  readonly actualFinish: number | null;
  readonly percentComplete: number;
  readonly calendarUid: number | null;
  readonly levelingDelay: number;
  readonly predecessors: readonly MspdiLink[];
  readonly stored: StoredTaskDates;
  /** Absent when the source (an MS Project JSON dump) carries none. */
  readonly baselines?: readonly MspdiBaseline[];
}

/** A saved baseline of a task; amounts in minutes and currency units. */
export interface MspdiBaseline {
  readonly number: number;
  readonly start: number | null;
  readonly finish: number | null;
  readonly duration: number | null;
  readonly work: number | null;
  readonly cost: number | null;
}

export interface MspdiResource {
  readonly uid: number;
  readonly name: string;
  readonly code: string | null;
  readonly type: 'work' | 'material' | 'cost';
  /** 1 = one full-time unit. */
  readonly maxUnits: number;
  /** Currency per hour (per unit of material). */
  readonly standardRate: number;
  readonly overtimeRate: number;
  readonly costPerUse: number;
  readonly calendarUid: number | null;
  readonly email: string | null;
  readonly materialLabel: string | null;
}

export interface MspdiAssignment {
  readonly uid: number;
  readonly taskUid: number;
  readonly resourceUid: number;
  /** 1 = 100%. */
  readonly units: number;
  /** Minutes. */
  readonly work: number;
  readonly actualWork: number;
  /** Currency units. */
  readonly cost: number;
}

export interface MspdiProperties {
  readonly name: string | null;
  readonly scheduleFromStart: boolean;
  readonly startDate: number | null;
  /** Start stored on the project summary task (UID 0), when the file has one. */
  readonly summaryStart: number | null;
  readonly finishDate: number | null;
  readonly statusDate: number | null;
  readonly currentDate: number | null;
  readonly calendarUid: number | null;
  readonly minutesPerDay: number;
  readonly minutesPerWeek: number;
  readonly daysPerMonth: number;
  readonly honorConstraints: boolean;
  /** Minutes. */
  readonly criticalSlackLimit: number;
}

export interface MspdiProject {
  readonly properties: MspdiProperties;
  readonly calendars: CalendarDefinition[];
  readonly tasks: MspdiTask[];
}

/** An MSPDI file as read: the schedule plus the resources, assignments and baselines it holds. */
export interface MspdiDocument extends MspdiProject {
  readonly resources: MspdiResource[];
  readonly assignments: MspdiAssignment[];
}
