export { SimulationInputError } from './errors.ts';
export { simulateSchedule } from './simulate.ts';
export type * from './types.ts';
