import type { CalendarDefinition } from '../calendar/types.ts';

export type TaskId = string | number;
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';
export type ConstraintType = 'ASAP' | 'ALAP' | 'SNET' | 'SNLT' | 'FNET' | 'FNLT' | 'MSO' | 'MFO';

/** All times are integer epoch minutes (local wall clock); durations and lags are minutes. */
export interface ScheduleTask {
  readonly id: TaskId;
  readonly name?: string;
  /** Parent summary task; tasks with children are summaries and roll their children up. */
  readonly parentId?: TaskId | null;
  /** Working minutes on the task's calendar, or wall-clock minutes when `durationIsElapsed`. */
  readonly duration: number;
  readonly durationIsElapsed?: boolean;
  readonly milestone?: boolean;
  readonly constraintType?: ConstraintType;
  readonly constraintDate?: number | null;
  readonly deadline?: number | null;
  readonly actualStart?: number | null;
  readonly actualFinish?: number | null;
  readonly percentComplete?: number | null;
  readonly remainingDuration?: number | null;
  /** Defaults to the project's calendar. */
  readonly calendarId?: string | number | null;
  /** Defaults to the first project. */
  readonly projectId?: string | number | null;
  /** Elapsed minutes added after links and constraints (MS Project's leveling delay). */
  readonly levelingDelay?: number | null;
  /** Manually scheduled: the given start and finish are kept, links do not move it. */
  readonly manual?: boolean;
  readonly manualStart?: number | null;
  readonly manualFinish?: number | null;
  /** MS Project's "Estimated" duration flag: an estimated manual task without links is never critical. */
  readonly estimated?: boolean;
}

export interface ScheduleLink {
  readonly predecessorId: TaskId;
  readonly successorId: TaskId;
  readonly type?: LinkType;
  /** Lag in minutes (working minutes on the lag calendar unless `lagElapsed`). */
  readonly lag?: number;
  /** Lag as a percent of the predecessor's duration (overrides `lag`). */
  readonly lagPercent?: number | null;
  readonly lagElapsed?: boolean;
}

export interface ScheduleProjectOptions {
  readonly id?: string | number;
  /** Project start (schedule from start) or finish (`scheduleFromFinish`). */
  readonly start?: number | null;
  readonly finish?: number | null;
  readonly scheduleFromFinish?: boolean;
  readonly statusDate?: number | null;
  readonly calendarId: string | number;
  /** Tasks with total slack at or below this many minutes are critical (default 0). */
  readonly criticalSlackLimit?: number;
  /** When true (MS Project's default) MSO/MFO/SNLT/FNLT win over links; the conflict shows as negative slack. */
  readonly honorConstraints?: boolean;
  readonly minutesPerDay?: number;
}

export interface ScheduleOptions {
  /** Whose calendar measures working-time lag: MS Project uses the successor's. */
  readonly lagCalendar?: 'successor' | 'predecessor' | 'project';
}

export interface ScheduleInput {
  readonly tasks: readonly ScheduleTask[];
  readonly links: readonly ScheduleLink[];
  readonly calendars: readonly CalendarDefinition[];
  readonly projects: readonly ScheduleProjectOptions[];
  readonly options?: ScheduleOptions;
}

export interface ScheduleConflict {
  readonly taskId: TaskId;
  readonly kind: 'constraint-vs-link' | 'deadline-missed' | 'negative-slack';
  readonly detail: string;
}

/**
 * Per-task results, index `i` is `input.tasks[i]`. Times are epoch minutes, slack working minutes.
 * The arrays are for reading: a `Scheduler` that handed them out reads them until its
 * next change.
 */
export interface ScheduleResult {
  readonly taskIds: readonly TaskId[];
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  /** Scheduled dates: the early dates, or the late ones for ALAP tasks. */
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly totalSlack: Float64Array;
  readonly freeSlack: Float64Array;
  readonly critical: Uint8Array;
  readonly summary: Uint8Array;
  /** Critical leaf tasks, earliest first. */
  readonly criticalPath: readonly TaskId[];
  readonly projects: readonly {
    readonly id: string | number;
    readonly start: number;
    readonly finish: number;
  }[];
  readonly projectStart: number;
  readonly projectFinish: number;
  readonly conflicts: readonly ScheduleConflict[];
}
