import type { FastifyError } from 'fastify';
import { AppError } from '../../core/errors';
import { type Lang, translate } from '../../core/messages';
import { FORM_LIMIT } from './open311.form';
import { type Open311Message, say } from './open311.messages';

/**
 * GeoReport errors: a list of `{code, description}` under HTTP 404 (missing resource), 403 (bad or
 * missing api_key) or 400 (everything else). `code` repeats the HTTP status; the description says
 * what to fix, in the request's language.
 */
export type Open311Status = 400 | 403 | 404;

interface Problem {
  key: Open311Message;
  params?: Record<string, string | number>;
}

export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => p.key).join(','));
  }
}

export const badRequest = (key: Open311Message, params?: Problem['params']) =>
  new Open311Error(400, [{ key, params }]);
export const notFound311 = (key: Open311Message = 'not_found', params?: Problem['params']) =>
  new Open311Error(404, [{ key, params }]);
export const badApiKey = () => new Open311Error(403, [{ key: 'api_key' }]);

export type ErrorEntry = { code: number; description: string };

/** Our case-engine field names as the Open311 client knows them. */
const OPEN311_FIELD: Record<string, string> = {
  lat: 'lat',
  lng: 'long',
  address: 'address_string',
  description: 'description',
  title: 'description',
  categoryId: 'service_code',
  urgency: 'attribute[urgency]',
};

/** Any failure as the status and list to send; 5xx never shows internals. */
export function errorResponse(err: unknown, lang: Lang): { status: number; body: ErrorEntry[] } {
  if (err instanceof Open311Error)
    return {
      status: err.status,
      body: err.problems.map((p) => ({ code: err.status, description: say(lang, p.key, p.params) })),
    };
  if (err instanceof AppError) return fromEngine(err, lang);
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 415) return entry(400, say(lang, 'content_type'));
  if (status === 413) return entry(400, say(lang, 'body_too_large', { max: FORM_LIMIT }));
  if (status < 500) return entry(400, say(lang, 'bad_request'));
  return entry(500, say(lang, 'internal'));
}

/** The case engine refused the report: its field issues, named as the client sent them. */
function fromEngine(err: AppError, lang: Lang) {
  if (err.status >= 500) return entry(500, say(lang, 'internal'));
  const status = err.status === 401 || err.status === 403 ? 403 : err.status === 404 ? 404 : 400;
  if (err.details.length === 0) return entry(status, translate(lang, err.code, err.params));
  return {
    status,
    body: err.details.map((d) => ({
      code: status,
      description: `${OPEN311_FIELD[d.path] ?? d.path}: ${translate(lang, d.code, d.params)}`,
    })),
  };
}

const entry = (status: number, description: string) => ({ status, body: [{ code: status, description }] });
