export { countPeriods, type Granularity, type Periods, periodsBetween } from './periods.ts';
export { periodIndexOf, spreadFlat, workingMinutesPerPeriod } from './spread.ts';
