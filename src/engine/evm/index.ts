export { computeEarnedSchedule, type EarnedSchedule } from './earned-schedule.ts';
export {
  type ByMethod,
  computeEarnedValue,
  type EarnedValueAnalysis,
  type EarnedValueFigures,
  type EarnedValueInput,
  type EarnedValuePeriod,
} from './earned-value.ts';
export {
  buildEarnedValue,
  type EarnedValueRule,
  type EarnedValueSeries,
  type ProgressItem,
} from './earned-value-rules.ts';
export { EvmInputError } from './errors.ts';
export {
  accumulate,
  type BaselineItem,
  buildPlannedValue,
  type PlannedValueCurve,
  type SpreadProfile,
} from './planned-value.ts';
