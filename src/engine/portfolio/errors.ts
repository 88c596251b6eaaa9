/** Bad portfolio input: `field` names the property, with the candidate, criterion, evaluator, role or period when known. */
export class PortfolioInputError extends Error {
  readonly field: string;
  readonly candidate: string | undefined;
  readonly criterion: string | undefined;
  readonly evaluator: string | undefined;
  readonly role: string | undefined;
  readonly period: number | undefined;
  readonly value: unknown;

  constructor(
    message: string,
    details: {
      field: string;
      candidate?: string;
      criterion?: string;
      evaluator?: string;
      role?: string;
      period?: number;
      value?: unknown;
    },
  ) {
    super(message);
    this.name = 'PortfolioInputError';
    this.field = details.field;
    this.candidate = details.candidate;
    this.criterion = details.criterion;
    this.evaluator = details.evaluator;
    this.role = details.role;
    this.period = details.period;
    this.value = details.value;
  }
}

/** A score outside the scoring model's scale. */
export class ScoreOutOfScaleError extends PortfolioInputError {
  readonly min: number;
  readonly max: number;

  constructor(
    message: string,
    details: {
      candidate: string;
      criterion: string;
      evaluator: string;
      value: number;
      min: number;
      max: number;
    },
  ) {
    super(message, { field: 'score', ...details });
    this.name = 'ScoreOutOfScaleError';
    this.min = details.min;
    this.max = details.max;
  }
}

/** Candidates that need each other in a loop ("B needs A", "A needs B"); `cycle` lists them in order. */
export class DependencyCycleError extends Error {
  readonly cycle: string[];

  constructor(cycle: string[]) {
    super(`candidates depend on each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}`);
    this.name = 'DependencyCycleError';
    this.cycle = cycle;
  }
}

/** One reason the mandatory candidates cannot all be selected. */
export type MandatoryConflict =
  | {
      readonly kind: 'budget';
      readonly period: number;
      readonly limit: number;
      readonly required: number;
      readonly excess: number;
    }
  | {
      readonly kind: 'total-budget';
      readonly limit: number;
      readonly required: number;
      readonly excess: number;
    }
  | {
      readonly kind: 'capacity';
      readonly role: string;
      readonly period: number;
      readonly limit: number;
      readonly required: number;
      readonly excess: number;
    }
  | { readonly kind: 'excluded-prerequisite'; readonly candidate: string; readonly requires: string }
  | { readonly kind: 'mandatory-and-excluded'; readonly candidate: string };

function describeConflict(c: MandatoryConflict): string {
  switch (c.kind) {
    case 'budget':
      return `budget in period ${c.period}: needs ${c.required}, limit ${c.limit} (over by ${c.excess})`;
    case 'total-budget':
      return `total budget: needs ${c.required}, limit ${c.limit} (over by ${c.excess})`;
    case 'capacity':
      return `capacity of role "${c.role}" in period ${c.period}: needs ${c.required}, limit ${c.limit} (over by ${c.excess})`;
    case 'excluded-prerequisite':
      return `"${c.candidate}" is mandatory but needs "${c.requires}", which is excluded`;
    case 'mandatory-and-excluded':
      return `"${c.candidate}" is both mandatory and excluded`;
  }
}

/**
 * The mandatory candidates (with the prerequisites they pull in) cannot all be selected.
 * `conflicts` says which constraint breaks, where and by how much; with start shifts allowed,
 * the amounts are those at the planned starts (no shift combination fits either).
 */
export class InfeasibleMandatoryError extends Error {
  readonly mandatory: string[];
  readonly conflicts: MandatoryConflict[];
  readonly shiftsTried: number;

  constructor(mandatory: string[], conflicts: MandatoryConflict[], shiftsTried: number) {
    const shiftNote =
      shiftsTried > 0
        ? ` (amounts at the planned starts; no start shift of up to ${shiftsTried} periods fits)`
        : '';
    super(
      `the mandatory candidates ${mandatory.map((m) => `"${m}"`).join(', ')} cannot all be selected${shiftNote}: ${conflicts
        .map(describeConflict)
        .join('; ')}`,
    );
    this.name = 'InfeasibleMandatoryError';
    this.mandatory = mandatory;
    this.conflicts = conflicts;
    this.shiftsTried = shiftsTried;
  }
}

/**
 * The search ran out of nodes before finding any selection that places every mandatory
 * candidate (possible only with start shifts, where placing them is itself a search).
 * The mandatory set may still be feasible: raise `maxNodes`.
 */
export class SelectionLimitError extends Error {
  readonly maxNodes: number;

  constructor(maxNodes: number) {
    super(
      `no selection placing every mandatory candidate was found within ${maxNodes} search nodes; the mandatory set may still fit (raise maxNodes)`,
    );
    this.name = 'SelectionLimitError';
    this.maxNodes = maxNodes;
  }
}
