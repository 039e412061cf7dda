/**
 * The one place where error codes become HTTP statuses, and where every failure becomes
 * `{ error: { code, message, details } }`. No stack trace or internal message ever reaches a
 * client: unexpected errors answer 500 with a generic message and are logged with pino.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors.js';
import type { ErrorCode, ErrorDetail } from '../errors.js';
import type { ErrorBody } from '../contract/index.js';

/** Error code → HTTP status: the only table of its kind (STYLE.md, Errors). */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Fastify's own 4xx errors (bad JSON, wrong content type, body too large…) by status. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  406: 'UNSUPPORTED_FORMAT',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_FORMAT',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Where a validation error was found, named the way clients write it. */
const CONTEXT_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/**
 * Turns anything thrown in a request into an AppError that is safe to show: AppErrors pass,
 * schema failures become BAD_INPUT naming each field, Fastify's 4xx keep their status,
 * and everything else becomes INTERNAL with a generic message.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = CONTEXT_NAMES[error.validationContext ?? 'body'] ?? 'body';
    const details: ErrorDetail[] = error.validation.flatMap((issue) => {
      const field = [where, ...issue.instancePath.split('/').filter(Boolean)].join('.');
      const unknownKeys = issue.keyword === 'unrecognized_keys' ? issue.params.keys : undefined;
      // Name each unknown field itself, not the object that holds it.
      if (Array.isArray(unknownKeys)) {
        return unknownKeys.map((key) => ({ path: `${field}.${String(key)}`, message: 'unknown field' }));
      }
      return [{ path: field, message: issue.message ?? 'invalid' }];
    });
    const fields = details.map((detail) => detail.path).join(', ');
    return new AppError('BAD_INPUT', `invalid ${fields}`, details);
  }
  const status = statusOf(error);
  const code = status === undefined ? undefined : CODE_BY_STATUS[status];
  if (code !== undefined && error instanceof Error) return new AppError(code, error.message);
  return new AppError('INTERNAL', 'internal error');
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = (error as { statusCode: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Sends an AppError as the standard body with the status from the table. */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, details: error.details },
  };
  return reply.code(STATUS_BY_CODE[error.code]).type('application/json; charset=utf-8').send(body);
}

/** Installs the error handler; unexpected errors are logged with the request id. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL' || appError.code === 'UNAVAILABLE') {
      request.log.error({ err: error }, 'request failed');
    }
    return sendError(reply, appError);
  });
}

/**
 * Runs a command whose errors name fields of its input ("name", "at") and names them as the
 * request's body instead ("body.name"): every BAD_INPUT detail, and the details of any other
 * error whose field is one of `fields` (a CONFLICT on `name`). Paths already under `body.` and
 * other details (`usage.tasksLed`) stay as they are.
 * @example const unit = await inBody(() => createUnit(store, request.body), ['name', 'area']);
 */
export async function inBody<T>(command: () => Promise<T>, fields?: readonly string[]): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const named = (path: string) =>
      !path.startsWith('body.') &&
      (fields === undefined ? error.code === 'BAD_INPUT' : fields.includes(path.split('.')[0] ?? ''));
    if (!error.details.some((d) => named(d.path))) throw error;
    throw new AppError(
      error.code,
      error.message,
      error.details.map((d) => (named(d.path) ? { ...d, path: `body.${d.path}` } : d)),
    );
  }
}
