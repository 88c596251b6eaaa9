/** Bad simulation input: names the estimate, risk or option and the field. */
export class SimulationInputError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${where}: ${field} ${detail}`);
    this.name = 'SimulationInputError';
  }
}
