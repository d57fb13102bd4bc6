import { type CaseReportBody, caseReportBody, URGENCIES } from '@linli/contract';
import { grantsWith } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorFromToken } from '../accounts';
import { reportCase } from '../cases';
import { badApiKey, badRequest } from './open311.errors';
import type { FormBody } from './open311.form';
import { say } from './open311.messages';
import { categoryName, type Service, serviceByCode } from './open311.services';

/**
 * POST requests: an outside system (a 12345 hotline platform, a city app) files a service request.
 * The api_key is one of our API tokens carrying the open311.submit scope; the case is reported by
 * the token's integration account through the case engine, and from there it is an ordinary case in
 * the dispatcher's queue.
 */
const DESCRIPTION_MAX = 4000;
const NAME_MAX = 40;
const ADDRESS_MAX = 200;
const TITLE_MAX = 50;
// A tag-shaped run of text: the spec says a description carries line breaks but no HTML.
const HTML_TAG = /<\/?[a-z!][^>]*>/i;

export async function submitRequest(ctx: Ctx, form: FormBody) {
  const actor = await apiKeyActor(ctx, form.get('api_key'));
  const code = form.get('service_code');
  if (!code) throw badRequest('service_code_required');
  const service = await serviceByCode(ctx.db, code);
  const body = reportBody(form, service);
  const reported = await reportCase({ ...ctx, actor }, body, {
    channel: 'open311',
    reporterName: reporterName(form),
  });
  const id = String(reported.id);
  return [{ service_request_id: id, service_notice: say(ctx.lang, 'notice', { id }) }];
}

/**
 * A live, unrevoked token that carries open311.submit: its account holds the permission (the
 * integration role) and the token's scopes include it, an unscoped token carrying all of its
 * account's permissions as everywhere else on the platform.
 */
async function apiKeyActor(ctx: Ctx, apiKey: string | undefined): Promise<Actor> {
  const actor = apiKey ? await actorFromToken(ctx.db, ctx.config, apiKey) : null;
  if (!actor || grantsWith(actor, 'open311.submit').length === 0) throw badApiKey();
  return actor;
}

function reportBody(form: FormBody, service: Service): CaseReportBody {
  const description = form.get('description') ?? '';
  if (description.length > DESCRIPTION_MAX)
    throw badRequest('too_long', { field: 'description', max: DESCRIPTION_MAX });
  if (HTML_TAG.test(description)) throw badRequest('html');
  const address = form.get('address_string');
  if (address && address.length > ADDRESS_MAX)
    throw badRequest('too_long', { field: 'address_string', max: ADDRESS_MAX });
  const parsed = caseReportBody.safeParse({
    kind: 'grid_event',
    categoryId: service.category.id,
    title: titleOf(description, categoryName(service.category, 'zh-CN')),
    description,
    ...location(form),
    address,
    urgency: urgencyOf(form),
  });
  // The fields were checked above in Open311 terms; this is the engine's own contract on top.
  if (!parsed.success)
    throw new AppError(
      400,
      'validation',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'invalid_value' })),
    );
  return parsed.data;
}

/** We do not geocode: a request is placed by its point alone (address_string is kept as text). */
function location(form: FormBody): { lat: number; lng: number } {
  const lat = form.get('lat');
  const long = form.get('long');
  if (lat === undefined || long === undefined) throw badRequest('location_required');
  return { lat: coordinate('lat', lat, 90), lng: coordinate('long', long, 180) };
}

function coordinate(field: string, text: string, limit: number): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) throw badRequest('number', { field });
  const value = Number(text);
  if (Math.abs(value) > limit) throw badRequest('out_of_range', { field });
  return value;
}

function urgencyOf(form: FormBody): CaseReportBody['urgency'] {
  const value = form.attributes.get('urgency');
  if (value === undefined) return 'normal';
  if (typeof value !== 'string' || !(URGENCIES as readonly string[]).includes(value))
    throw badRequest('invalid_value', { field: 'attribute[urgency]', value: String(value) });
  return value as CaseReportBody['urgency'];
}

/** The case's title for the staff lists: the description's first line, else the service's name. */
function titleOf(description: string, serviceName: string): string {
  const firstLine = description.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!firstLine) return serviceName;
  const chars = [...firstLine];
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join('')}…` : firstLine;
}

/** 张 + 三 reads 张三; Jane + Doe reads Jane Doe. */
function reporterName(form: FormBody): string | undefined {
  const first = namePart(form, 'first_name');
  const last = namePart(form, 'last_name');
  if (!first && !last) return undefined;
  const chinese = /\p{Script=Han}/u.test(`${first ?? ''}${last ?? ''}`);
  return chinese ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

function namePart(form: FormBody, field: 'first_name' | 'last_name'): string | undefined {
  const value = form.get(field)?.trim();
  if (value && value.length > NAME_MAX) throw badRequest('too_long', { field, max: NAME_MAX });
  return value || undefined;
}
