import type { CalendarDefinition } from '../../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';

/** Dates are local wall-clock `YYYY-MM-DDTHH:MM[:SS]` strings, as the database and MS Project keep them. */
export type LocalDateTime = string;

export interface MspdiWriteProperties {
  readonly name: string;
  readonly startDate: LocalDateTime;
  readonly finishDate?: LocalDateTime | null;
  readonly scheduleFromStart: boolean;
  readonly statusDate?: LocalDateTime | null;
  readonly minutesPerDay: number;
  readonly minutesPerWeek?: number;
  readonly daysPerMonth?: number;
  /** Minutes; MSPDI stores whole days. */
  readonly criticalSlackLimit?: number;
  readonly calendarUid: number;
  /** UTC moment of writing, for `<LastSaved>`; passed in to keep the writer deterministic. */
  readonly savedAt?: LocalDateTime;
}

/** A calendar to write: the engine's definition with a numeric UID (`id`) and base UID. */
export type MspdiWriteCalendar = CalendarDefinition & {
  readonly id: number;
  readonly baseId?: number | null;
};

export interface MspdiWriteLink {
  readonly predecessorUid: number;
  readonly type: LinkType;
  /** Minutes of working time (or wall-clock when `lagElapsed`). */
  readonly lagMinutes: number;
  /** When set, the lag is this percent of the predecessor's duration and `lagMinutes` is ignored. */
  readonly lagPercent?: number | null;
  readonly lagElapsed?: boolean;
}

export interface MspdiWriteTask {
  readonly uid: number;
  readonly name: string;
  /** 1 for top-level tasks. */
  readonly outlineLevel: number;
  readonly outlineNumber: string;
  readonly wbs?: string;
  /** Minutes of working time (or wall-clock when `durationElapsed`). */
  readonly durationMinutes: number;
  readonly durationElapsed?: boolean;
  readonly milestone: boolean;
  readonly summary: boolean;
  readonly constraintType: ConstraintType;
  readonly constraintDate?: LocalDateTime | null;
  readonly deadline?: LocalDateTime | null;
  readonly actualStart?: LocalDateTime | null;
  readonly actualFinish?: LocalDateTime | null;
  readonly percentComplete: number;
  readonly calendarUid?: number | null;
  readonly start?: LocalDateTime | null;
  readonly finish?: LocalDateTime | null;
  readonly earlyStart?: LocalDateTime | null;
  readonly earlyFinish?: LocalDateTime | null;
  readonly lateStart?: LocalDateTime | null;
  readonly lateFinish?: LocalDateTime | null;
  /** Minutes. */
  readonly totalSlack?: number | null;
  /** Minutes. */
  readonly freeSlack?: number | null;
  readonly critical?: boolean;
  readonly predecessors: readonly MspdiWriteLink[];
  readonly baselines?: readonly MspdiWriteBaseline[];
}

/** A saved baseline of a task (number 0–10); work in minutes, cost in currency units. */
export interface MspdiWriteBaseline {
  readonly number: number;
  readonly start: LocalDateTime | null;
  readonly finish: LocalDateTime | null;
  readonly durationMinutes: number | null;
  readonly workMinutes: number | null;
  readonly cost: number | null;
}

export interface MspdiWriteResource {
  readonly uid: number;
  readonly name: string;
  readonly code?: string | null;
  readonly type: 'work' | 'material';
  readonly maxUnits: number;
  /** Currency per hour (per unit of material). */
  readonly standardRate: number;
  readonly overtimeRate: number;
  readonly costPerUse: number;
  readonly email?: string | null;
  readonly materialLabel?: string | null;
}

export interface MspdiWriteAssignment {
  readonly uid: number;
  readonly taskUid: number;
  readonly resourceUid: number;
  readonly units: number;
  readonly workMinutes: number;
  readonly actualWorkMinutes?: number;
  readonly cost: number;
}

export interface MspdiWriteProject {
  readonly properties: MspdiWriteProperties;
  readonly calendars: readonly MspdiWriteCalendar[];
  /** In outline order: each summary task directly before its children. */
  readonly tasks: readonly MspdiWriteTask[];
  readonly resources?: readonly MspdiWriteResource[];
  readonly assignments?: readonly MspdiWriteAssignment[];
}

/** Raised when the data cannot be written as MSPDI; names the task or calendar and the field. */
export class MspdiWriteError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${where}: ${field} ${problem}`);
    this.name = 'MspdiWriteError';
  }
}
