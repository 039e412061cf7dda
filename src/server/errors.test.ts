import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../errors.js';
import { z } from 'zod';
import { IsoDate, Month } from '../contract/common.js';
import { STATUS_BY_CODE, fieldProblem, inBody, toAppError } from './errors.js';

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

describe('inBody', () => {
  const fail = (error: AppError) => () => Promise.reject(error);

  it("names a command's input fields as the request's body", async () => {
    const bad = new AppError('BAD_INPUT', 'invalid unit', [
      { path: 'name', message: 'must not be empty' },
      { path: 'body.kind', message: 'unknown' },
    ]);
    await expect(inBody(fail(bad))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'invalid unit',
      details: [
        { path: 'body.name', message: 'must not be empty' },
        { path: 'body.kind', message: 'unknown' },
      ],
    });
  });

  it('names only the fields it is given for other errors, and passes the rest as they are', async () => {
    const taken = new AppError('CONFLICT', 'unit in use', [
      { path: 'area', message: 'governed by unit 3' },
      { path: 'usage.tasksLed', message: '3 tasks it leads' },
    ]);
    await expect(inBody(fail(taken), ['area'])).rejects.toMatchObject({
      details: [
        { path: 'body.area', message: 'governed by unit 3' },
        { path: 'usage.tasksLed', message: '3 tasks it leads' },
      ],
    });
    await expect(inBody(fail(taken))).rejects.toBe(taken);
    await expect(inBody(async () => 7)).resolves.toBe(7);
  });
});

describe('fieldProblem', () => {
  it('says what is wrong with a field in an office’s words, with a code a form matches', () => {
    expect(fieldProblem('too_small', { origin: 'string', minimum: 1, inclusive: true })).toEqual({
      code: 'required',
      values: {},
      message: '此项不能为空',
    });
    expect(fieldProblem('too_big', { origin: 'string', maximum: 200, inclusive: true })).toEqual({
      code: 'tooLong',
      values: { max: 200 },
      message: '不能超过200个字',
    });
    expect(fieldProblem('too_big', { origin: 'number', maximum: 100, inclusive: true }).message).toBe(
      '数值不能大于100',
    );
    expect(fieldProblem('too_small', { origin: 'number', minimum: 0, inclusive: true }).message).toBe(
      '数值不能小于0',
    );
    expect(fieldProblem('too_big', { origin: 'array', maximum: 20, inclusive: true }).message).toBe(
      '最多只能填写20项',
    );
    expect(
      fieldProblem(
        'invalid_type',
        { expected: 'string' },
        'Invalid input: expected string, received undefined',
      ),
    ).toMatchObject({ code: 'required', message: '此项不能为空' });
    expect(
      fieldProblem('invalid_type', { expected: 'number' }, 'Invalid input: expected number, received string'),
    ).toMatchObject({ code: 'type', message: '填写的内容类型不对：应为数字' });
    expect(fieldProblem('invalid_value', { values: ['a', 'b'] }).message).toBe('请从给定的选项中选择');
    expect(fieldProblem('custom').message).toBe('此项填写有误，请检查');
  });

  it('tells how a date or a month is written, from the issue zod gives for the contract’s own schemas', () => {
    const issueOf = (schema: z.ZodType, value: unknown) => {
      const { code, message, path: _path, ...params } = schema.safeParse(value).error!.issues[0]!;
      return fieldProblem(code, params, message);
    };
    expect(issueOf(IsoDate, '2022-6-30')).toEqual({
      code: 'format',
      values: { expected: 'YYYY-MM-DD', example: '2022-06-30' },
      message: '格式不正确：应写作YYYY-MM-DD（如2022-06-30）',
    });
    expect(issueOf(Month, '2022-13').message).toBe('格式不正确：应写作YYYY-MM（如2022-06）');
    expect(issueOf(z.string().regex(/^\d{6}$/), '1234')).toEqual({
      code: 'format',
      values: {},
      message: '格式不正确',
    });
  });
});
