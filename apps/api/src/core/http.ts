import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Actor, Ctx } from './context';
import { AppError, type FieldIssue } from './errors';
import { hasMessage, langFrom, translate } from './messages';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Reachable while the account still has to change its password or enrol TOTP. */
    allowPending?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type ValidationEntry = {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
};

/** Turns a zod issue into our field issue: custom messages are already message keys. */
export function fieldIssueOf(v: ValidationEntry, prefix: string): FieldIssue[] {
  const base = [prefix, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.');
  if (v.keyword === 'unrecognized_keys') {
    const keys = (v.params.keys as string[] | undefined) ?? [];
    return keys.map((k) => ({ path: base ? `${base}.${k}` : k, code: 'unrecognized_key' }));
  }
  if (v.message && hasMessage(v.message)) return [{ path: base, code: v.message }];
  if (v.keyword === 'invalid_type' && /received undefined/.test(v.message ?? ''))
    return [{ path: base, code: 'required' }];
  const origin = v.params.origin === 'string' ? '.string' : '';
  const params: Record<string, string | number> = {};
  for (const k of ['minimum', 'maximum'] as const) {
    const value = v.params[k];
    if (typeof value === 'number' || typeof value === 'bigint') params[k] = Number(value);
  }
  const code = hasMessage(`${v.keyword}${origin}`) ? `${v.keyword}${origin}` : v.keyword;
  return [{ path: base, code, params }];
}

/** The one error renderer: `{ error: { code, message, details } }`, localised, no internals on 5xx. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const lang = request.ctx?.lang ?? langFrom(request.headers['accept-language']);
    if (err instanceof AppError) {
      return sendError(reply, lang, err.status, err.code, err.details, err.params);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = err.validationContext === 'body' ? '' : (err.validationContext ?? '');
      const details = err.validation.flatMap((v) => fieldIssueOf(v as unknown as ValidationEntry, prefix));
      return sendError(reply, lang, 400, 'validation', details);
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx (bad JSON, unsupported media type, body too large): say so plainly.
      return reply.status(status).send({ error: { code: err.code ?? 'bad_request', message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, lang, 500, 'internal', []);
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendError(
    reply,
    request.ctx?.lang ?? langFrom(request.headers['accept-language']),
    404,
    'not_found',
    [],
  );
}

function sendError(
  reply: FastifyReply,
  lang: 'zh-CN' | 'en-US',
  status: number,
  code: string,
  details: FieldIssue[],
  params: Record<string, string | number> = {},
) {
  return reply.status(status).send({
    error: {
      code,
      message: translate(lang, code, params),
      ...(details.length
        ? {
            details: details.map((d) => ({
              path: d.path,
              code: d.code,
              message: translate(lang, d.code, d.params),
              ...(d.ref ? { ref: d.ref } : {}),
            })),
          }
        : {}),
    },
  });
}

export interface ActorResolver {
  fromSession(cookie: string): Promise<Actor | null>;
  fromToken(token: string): Promise<Actor | null>;
}

/**
 * Builds each request's Ctx and enforces, before any handler: CSRF on cookie-authenticated writes
 * (double-submit header against the token stored with the session), and the first-login steps.
 */
export function installRequestContext(
  app: FastifyInstance,
  base: Omit<Ctx, 'actor' | 'ip' | 'lang'>,
  resolver: ActorResolver,
  cookieName: string,
): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      ...base,
      actor: null,
      ip: request.ip,
      lang: langFrom(request.headers['accept-language']),
    };
    if (!request.url.startsWith('/api/')) return;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.ctx.actor = await resolver.fromToken(auth.slice(7).trim());
      if (!request.ctx.actor) throw new AppError(401, 'unauthenticated');
      return;
    }
    const cookie = request.cookies[cookieName];
    if (cookie) request.ctx.actor = await resolver.fromSession(cookie);
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const actor = request.ctx.actor;
    if (!actor) return;
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || header !== actor.csrfToken) throw new AppError(403, 'csrf');
    }
    if (actor.pendingStep && !request.routeOptions.config.allowPending) {
      throw new AppError(
        403,
        actor.pendingStep === 'password' ? 'auth.password_change_required' : 'auth.totp_enrollment_required',
      );
    }
  });
}
