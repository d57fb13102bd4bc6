import { formatDateTime } from './format';
import i18n from './i18n';

export type ErrorDetail = { path: string; code: string; message: string };

/** Every failed API call becomes one of these, carrying the API's stable code and localised message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

/** The output type of a contract schema, without importing zod into the web bundle. */
export type Infer<S> = S extends { _zod: { output: infer O } } ? O : never;

let csrfToken: string | null = null;

/** Remembered from GET /api/auth/me or the login response; sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

type ErrorPayload = { error?: { code?: unknown; message?: unknown; details?: unknown } };

function toApiError(status: number, payload: unknown): ApiError {
  const err = (payload as ErrorPayload | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : `http.${status}`;
  const raw = typeof err?.message === 'string' ? err.message : i18n.t('errors.network', { status });
  // Some messages carry an instant (e.g. "locked until …"); show it the way every other time is shown.
  const message = raw.replace(
    /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g,
    (iso) => formatDateTime(iso),
  );
  const details = Array.isArray(err?.details)
    ? (err.details as unknown[]).filter(
        (d): d is ErrorDetail =>
          typeof d === 'object' && d !== null && typeof (d as ErrorDetail).message === 'string',
      )
    : [];
  return new ApiError(status, code, message, details);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language === 'en-US' ? 'en-US' : 'zh-CN',
  };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'network.offline', i18n.t('errors.offline'));
  }
  const text = await res.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!res.ok) throw toApiError(res.status, payload);
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
