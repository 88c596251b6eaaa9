import type { z } from 'zod';
import { fieldErrorsFromIssues, ValidationError } from './errors.ts';

/** Parses input against a schema, or throws a ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsFromIssues(result.error.issues));
  return result.data;
}
