import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RateLimitedError, ServiceError } from '../services/errors.ts';

/** RFC 9457 problem details: every error the API returns has this shape. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

function send(reply: FastifyReply, status: number, title: string, detail: string, errors?: unknown[]) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `https://orrery.dev/problems/${status}`,
        title,
        status,
        detail,
        ...(errors && errors.length > 0 ? { errors } : {}),
      }),
    );
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) {
    if (error instanceof RateLimitedError) reply.header('Retry-After', String(error.retryAfterSeconds));
    return send(reply, error.status, error.title, error.message, error.errors);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || `(${where})`,
      message: issue.message ?? 'is invalid',
    }));
    return send(
      reply,
      400,
      'Invalid input',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
  if (error.statusCode && error.statusCode < 500) {
    return send(reply, error.statusCode, error.code ?? 'Bad request', error.message);
  }
  request.log.error(error);
  return send(reply, 500, 'Internal server error', 'something went wrong on our side; it has been logged');
}
