/**
 * The one error type of Luoshi. Domain code throws it with a stable code; transports map the
 * code to an HTTP status (server/errors.ts) or an exit code and a one-line message (cli).
 */
export const ERROR_CODES = [
  'BAD_INPUT', // a payload, option or file that fails validation
  'NOT_FOUND',
  'CONFLICT', // stale version, duplicate, state that forbids the action
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNPROCESSABLE', // well-formed but unusable: a file that is not a report
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'RATE_LIMITED',
  'UNAVAILABLE', // a dependency (database) cannot be reached
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with a field or place: `path` names it ("tasks.3.deadline", "Sheet1!C7"). */
export interface ErrorDetail {
  path: string;
  message: string;
  /** A stable name of the problem a client may match (never the words), with its values. */
  code?: string;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** True for an AppError with the given code (or any code when omitted). */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
