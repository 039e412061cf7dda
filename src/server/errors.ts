/**
 * The one place where error codes become HTTP statuses, and where every failure becomes
 * `{ error: { code, message, details } }`. No stack trace or internal message ever reaches a
 * client: unexpected errors answer 500 with a generic message and are logged with pino.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors.js';
import type { ErrorCode, ErrorDetail } from '../errors.js';
import type { ErrorBody, FieldProblemCode } from '../contract/index.js';
import { MONTH_PATTERN } from '../contract/common.js';
import { STALE_WORDS } from '../store/rows.js';

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
    const details: ErrorDetail[] = error.validation.flatMap((issue): ErrorDetail[] => {
      const field = [where, ...issue.instancePath.split('/').filter(Boolean)].join('.');
      const unknownKeys = issue.keyword === 'unrecognized_keys' ? issue.params.keys : undefined;
      // Name each unknown field itself, not the object that holds it.
      if (Array.isArray(unknownKeys)) {
        return unknownKeys.map((key) => ({
          path: `${field}.${String(key)}`,
          code: 'unknownField',
          message: FIELD_WORDS.unknownField,
        }));
      }
      return [{ path: field, ...fieldProblem(issue.keyword, issue.params, issue.message) }];
    });
    const n = details.length;
    return new AppError('BAD_INPUT', `提交的内容有${n}处不符合要求：${details[0]?.message ?? ''}`, details);
  }
  const status = statusOf(error);
  const code = status === undefined ? undefined : CODE_BY_STATUS[status];
  if (code !== undefined && error instanceof Error) return new AppError(code, error.message);
  return new AppError('INTERNAL', 'internal error');
}

/** The words of a form field's problem (the field itself is the detail's path, shown beside it). */
const FIELD_WORDS = {
  required: '此项不能为空',
  tooSmall: '数值不能小于{{min}}',
  tooFew: '至少应填写{{min}}项',
  tooLong: '不能超过{{max}}个字',
  tooBig: '数值不能大于{{max}}',
  tooMany: '最多只能填写{{max}}项',
  type: '填写的内容类型不对：应为{{expected}}',
  choice: '请从给定的选项中选择',
  format: '格式不正确',
  unknownField: '系统不接受此项内容',
  invalid: '此项填写有误，请检查',
  stale: STALE_WORDS,
} as const satisfies Record<FieldProblemCode, string>;

const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '一组内容',
  date: '日期',
};

/** How a field of a known format is written, to show beside 格式不正确. */
const FORMAT_SHAPES: Record<string, { expected: string; example: string }> = {
  date: { expected: 'YYYY-MM-DD', example: '2022-06-30' },
  month: { expected: 'YYYY-MM', example: '2022-06' },
};

/** zod's format of an invalid_format issue; a regex that is the contract's month pattern is `month`. */
function formatOf(params: Record<string, unknown>): string {
  const format = typeof params['format'] === 'string' ? params['format'] : '';
  if (format === 'regex' && String(params['pattern']) === String(MONTH_PATTERN)) return 'month';
  return format;
}

/**
 * A schema issue (zod's code and its params, as fastify-type-provider-zod passes them) as a
 * stable code, its values and the words of an office: 此项不能为空, 不能超过200个字.
 * @example fieldProblem('too_big', { origin: 'string', maximum: 200 }) // { code: 'tooLong', values: { max: 200 }, message: '不能超过200个字' }
 */
export function fieldProblem(
  keyword: string,
  params: Record<string, unknown> = {},
  said = '',
): Omit<ErrorDetail, 'path'> {
  const origin = typeof params['origin'] === 'string' ? params['origin'] : '';
  const sized = origin === 'string' || origin === 'array' || origin === 'set';
  const at = (code: keyof typeof FIELD_WORDS, values: Record<string, string | number> = {}) => ({
    code,
    values,
    message: FIELD_WORDS[code].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? '')),
  });
  const bound = (key: 'minimum' | 'maximum') =>
    Number(params[key]) + (params['inclusive'] === false ? (key === 'minimum' ? 1 : -1) : 0);
  switch (keyword) {
    case 'too_small':
      if (origin === 'string')
        return bound('minimum') <= 1 ? at('required') : at('tooSmall', { min: bound('minimum') });
      return sized
        ? at('tooFew', { min: bound('minimum') })
        : at('tooSmall', { min: Number(params['minimum']) });
    case 'too_big':
      if (origin === 'string') return at('tooLong', { max: bound('maximum') });
      return sized
        ? at('tooMany', { max: bound('maximum') })
        : at('tooBig', { max: Number(params['maximum']) });
    case 'invalid_type': {
      // zod keeps no input in its issue: a missing field says so only in its own words.
      if (/received undefined/.test(said)) return at('required');
      const expected = typeof params['expected'] === 'string' ? params['expected'] : '';
      return at('type', { expected: TYPE_WORDS[expected] ?? TYPE_WORDS['string']! });
    }
    case 'invalid_value':
    case 'invalid_union':
      return at('choice');
    case 'invalid_format': {
      // The form the field must take, where the schema says it: a clerk is told how to write it.
      const shape = FORMAT_SHAPES[formatOf(params)];
      if (shape === undefined) return at('format');
      return {
        code: 'format',
        values: shape,
        message: `格式不正确：应写作${shape.expected}（如${shape.example}）`,
      };
    }
    default:
      return at('invalid');
  }
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
