/**
 * Raised for input the earned-value engine refuses: negative or non-finite amounts, period
 * counts that do not line up, percentages outside [0, 1]. `field` names the input array or
 * property, `period` the 0-based period index (when the problem is in one period) and `item`
 * the baseline or progress item id (when there is one).
 */
export class EvmInputError extends Error {
  readonly field: string;
  readonly period: number | undefined;
  readonly item: string | undefined;
  readonly value: unknown;

  constructor(
    message: string,
    details: { field: string; period?: number | undefined; item?: string | undefined; value?: unknown },
  ) {
    super(message);
    this.name = 'EvmInputError';
    this.field = details.field;
    this.period = details.period;
    this.item = details.item;
    this.value = details.value;
  }
}

function where(field: string, period: number | undefined, item: string | undefined): string {
  const parts = [item === undefined ? field : `${field} of item "${item}"`];
  if (period !== undefined) parts.push(`period ${period}`);
  return parts.join(' at ');
}

/** Throws unless `value` is a finite number ≥ 0. */
export function assertAmount(value: unknown, field: string, period?: number, item?: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EvmInputError(`${where(field, period, item)} must be a finite number, got ${String(value)}`, {
      field,
      period,
      item,
      value,
    });
  }
  if (value < 0) {
    throw new EvmInputError(`${where(field, period, item)} must not be negative, got ${value}`, {
      field,
      period,
      item,
      value,
    });
  }
  return value;
}

/** Throws unless `values` is an array of finite amounts ≥ 0. */
export function assertAmounts(values: unknown, field: string, item?: string): readonly number[] {
  if (!Array.isArray(values)) {
    throw new EvmInputError(`${where(field, undefined, item)} must be an array of amounts per period`, {
      field,
      item,
      value: values,
    });
  }
  for (let t = 0; t < values.length; t++) assertAmount(values[t], field, t, item);
  return values as readonly number[];
}
