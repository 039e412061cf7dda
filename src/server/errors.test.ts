import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../errors.js';
import { STATUS_BY_CODE, toAppError } from './errors.js';

describe('STATUS_BY_CODE', () => {
  it('gives every error code a status', () => {
    for (const code of ERROR_CODES) expect(STATUS_BY_CODE[code]).toBeGreaterThanOrEqual(400);
  });

  it('maps the codes clients rely on to their HTTP statuses', () => {
    expect(STATUS_BY_CODE.BAD_INPUT).toBe(400);
    expect(STATUS_BY_CODE.NOT_FOUND).toBe(404);
    expect(STATUS_BY_CODE.CONFLICT).toBe(409);
    expect(STATUS_BY_CODE.TOO_LARGE).toBe(413);
    expect(STATUS_BY_CODE.UNPROCESSABLE).toBe(422);
  });
});

describe('toAppError', () => {
  it('passes AppErrors through unchanged', () => {
    const error = new AppError('CONFLICT', 'stale', [{ path: 'body.version', message: 'stale' }]);
    expect(toAppError(error)).toBe(error);
  });

  it("keeps the status of Fastify's own client errors", () => {
    const error = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toAppError(error)).toMatchObject({ code: 'TOO_LARGE', message: 'Request body is too large' });
  });

  it('hides the message of unexpected errors', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'secret')");
    expect(toAppError(error)).toMatchObject({ code: 'INTERNAL', message: 'internal error', details: [] });
  });

  it('hides server-side errors that carry a 5xx status', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { statusCode: 500 });
    expect(toAppError(error).message).toBe('internal error');
  });
});
