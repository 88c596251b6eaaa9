export { checkSchedule, type ScheduleViolation } from './feasibility.ts';
export { type LevelOptions, type LevelResult, levelSchedule } from './level-schedule.ts';
export { PRIORITY_RULES, type PriorityRule } from './priority-rules.ts';
export {
  type CapacityChanges,
  type CompiledProblem,
  compileProblem,
  LevelingCycleError,
  LevelingInputError,
  type LevelingLinks,
  type LevelingProblem,
  LinkType,
} from './problem.ts';
export { createRandom, type Random } from './random.ts';
