/** Failures a service reports to its caller; HTTP and CLI turn them into responses and exit codes. */
export interface FieldError {
  field: string;
  message: string;
}

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends ServiceError {
  constructor(errors: FieldError[]) {
    super(400, 'Invalid input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}

export class UnauthorizedError extends ServiceError {
  constructor(message = 'authentication required') {
    super(401, 'Unauthorized', message);
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message = 'you do not have permission to do this') {
    super(403, 'Forbidden', message);
  }
}

export class NotFoundError extends ServiceError {
  constructor(entity: string, id: string) {
    super(404, 'Not found', `${entity} ${id} does not exist`);
  }
}

export class ConflictError extends ServiceError {
  constructor(message: string, errors: FieldError[] = []) {
    super(409, 'Conflict', message, errors);
  }
}

export class PreconditionRequiredError extends ServiceError {
  constructor() {
    super(428, 'Precondition required', 'send If-Match with the version you read');
  }
}

export class RateLimitedError extends ServiceError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too many requests', `too many failed attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Converts a zod error into field errors, so every invalid field is named. */
export function fieldErrorsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
