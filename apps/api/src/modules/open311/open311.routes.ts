import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, langFrom } from '../../core/messages';
import { discovery } from './open311.discovery';
import { badRequest, errorResponse, notFound311 } from './open311.errors';
import { param, parseFilter, type Query } from './open311.filters';
import { FORM_LIMIT, FormBody, parseForm } from './open311.form';
import { CONTENT_TYPES, FORMATS, type Format, type Root, render, type Value } from './open311.render';
import { listRequests, oneRequest } from './open311.requests';
import { activeServices, serviceByCode, serviceDefinition, serviceView } from './open311.services';
import { submitRequest } from './open311.submit';

/**
 * GeoReport v2, registered under /open311. Nothing here reads a cookie or a bearer header (the
 * request context only resolves those under /api/), so a cross-site page gains nothing by posting
 * here: a write needs the api_key in the body. That is also why any origin may read the answers.
 */
export const open311Routes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_req, body, done) => done(null, parseForm(body as string)),
  );
  app.addHook('onSend', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = errorResponse(err, langOf(req));
    if (status >= 500) req.log.error({ err }, 'open311 request failed');
    return send(reply, formatOfUrl(req.url), status, 'errors', body);
  });
  const hidden = { schema: { hide: true } };
  const answerNotFound = (req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = errorResponse(notFound311(), langOf(req));
    return send(reply, formatOfUrl(req.url), status, 'errors', body);
  };
  app.setNotFoundHandler(answerNotFound);
  // The web app's catch-all GET would otherwise answer unknown /open311 paths with its index.html.
  app.get('/', hidden, answerNotFound);
  app.get('/*', hidden, answerNotFound);
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, hidden, (req, reply) =>
      send(reply, format, 200, 'discovery', discovery(baseUrl(req), req.ctx.config.cityName, langOf(req))),
    );
    app.get(`/v2/services.${format}`, hidden, async (req, reply) => {
      const services = await activeServices(req.ctx.db);
      return send(
        reply,
        format,
        200,
        'services',
        services.map((s) => serviceView(s, langOf(req))),
      );
    });
    app.get(`/v2/requests.${format}`, hidden, async (req, reply) => {
      const filter = parseFilter(req.query as Query);
      return send(
        reply,
        format,
        200,
        'service_requests',
        await listRequests(req.ctx.db, filter, langOf(req)),
      );
    });
    // 200 rather than 201: clients written against the spec's examples test for 200.
    app.post(`/v2/requests.${format}`, hidden, async (req, reply) => {
      if (!(req.body instanceof FormBody)) throw badRequest('content_type');
      const created = await submitRequest({ ...req.ctx, lang: langOf(req) }, req.body);
      return send(reply, format, 200, 'service_requests', created);
    });
  }
  app.get<{ Params: { file: string } }>('/v2/services/:file', hidden, async (req, reply) => {
    const { name, format } = resource(req.params.file);
    const service = await serviceByCode(req.ctx.db, name);
    return send(reply, format, 200, 'service_definition', serviceDefinition(service, langOf(req)));
  });
  app.get<{ Params: { file: string } }>('/v2/requests/:file', hidden, async (req, reply) => {
    const { name, format } = resource(req.params.file);
    if (!/^[1-9]\d{0,15}$/.test(name)) throw notFound311('request_unknown', { id: name });
    return send(
      reply,
      format,
      200,
      'service_requests',
      await oneRequest(req.ctx.db, Number(name), langOf(req)),
    );
  });
};

/** `C0101.json` → C0101 as JSON; a name without a known suffix is no resource of ours. */
function resource(file: string): { name: string; format: Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw notFound311();
  return { name: m[1]!, format: m[2] as Format };
}

function send(reply: FastifyReply, format: Format, status: number, root: Root, body: Value) {
  return reply
    .status(status)
    .header('content-type', CONTENT_TYPES[format])
    .send(render(format, root, body));
}

/** Errors answer in the format the URL asked for; JSON when it asked for none. */
const formatOfUrl = (url: string): Format => (/\.xml$/.test(url.split('?')[0]!) ? 'xml' : 'json');

/** `locale` (query, or the form on POST) wins over Accept-Language; Chinese unless English is asked for. */
function langOf(req: FastifyRequest): Lang {
  const locale =
    param((req.query ?? {}) as Query, 'locale') ??
    (req.body instanceof FormBody ? req.body.get('locale') : undefined);
  return locale ? langFrom(locale) : req.ctx.lang;
}

/** The address clients reached us at (behind a proxy, from X-Forwarded-Proto / -Host: trustProxy is on). */
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
