import type { ErrorCode, ErrorDetail } from './types';

/** Codes the server answers with (src/errors.ts, through the contract), plus the client's own for the network. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

/** Every code of the server: a code added there fails to compile here until it is listed. */
const SERVER_CODES: Record<ErrorCode, true> = {
  BAD_INPUT: true,
  NOT_FOUND: true,
  CONFLICT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  UNPROCESSABLE: true,
  TOO_LARGE: true,
  UNSUPPORTED_FORMAT: true,
  RATE_LIMITED: true,
  UNAVAILABLE: true,
  INTERNAL: true,
};
const KNOWN_CODES = new Set<string>(Object.keys(SERVER_CODES));

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_FORMAT',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/**
 * A failed API call: the server's `{ error: { code, message, details } }` made typed.
 * `message` is the server's text (English, for logs); pages show `t('errors.' + code)`
 * through `describeError`, so the user reads it in their own language.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** True for an ApiError with the given code (or any code when omitted). */
export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Answer as text instead of JSON (the report's own text). */
  text?: boolean;
  /** Answer the bytes as a Blob (a PDF made on request), accepting this type. */
  blob?: string;
  signal?: AbortSignal;
  /** Headers of its own (a wall screen's kiosk token). */
  headers?: Record<string, string>;
}

/** Builds `path?query`, leaving out empty values. */
export function buildUrl(base: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: { code?: unknown; message?: unknown; details?: unknown } }).error
      : undefined;
  const rawCode = typeof error?.code === 'string' ? error.code : '';
  const code: ApiErrorCode = KNOWN_CODES.has(rawCode)
    ? (rawCode as ApiErrorCode)
    : (CODE_BY_STATUS[response.status] ?? 'INTERNAL');
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter(
        (d): d is ErrorDetail =>
          typeof d === 'object' && d !== null && typeof (d as ErrorDetail).path === 'string',
      )
    : [];
  return new ApiError(response.status, code, message, details);
}

/**
 * The one HTTP client of the web app: JSON in and out, cookies sent, the CSRF token echoed on
 * writes, every failure an ApiError. A 401 also calls `onUnauthenticated`, so the app can ask
 * the user to sign in again without unmounting the page (and its form state).
 */
export class ApiClient {
  csrfToken: string | undefined;
  onUnauthenticated: ((error: ApiError) => void) | undefined;

  constructor(
    readonly base = '/api/v1',
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      accept: options.blob ?? (options.text ? 'text/plain' : 'application/json'),
      ...options.headers,
    };
    const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
    if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(this.base, path, options.query), {
        method,
        headers,
        credentials: 'include',
        body:
          options.body === undefined
            ? undefined
            : isForm
              ? (options.body as FormData)
              : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'network error');
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 401) this.onUnauthenticated?.(error);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    if (options.text) return (await response.text()) as T;
    if (options.blob) return (await response.blob()) as T;
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return (await response.text()) as T;
    return (await response.json()) as T;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {} });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
