import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import type { SeededApp } from '../../test/fixtures';
import { orgNodes } from '../org/org.schema';

/**
 * What the contract suite checks on every answer, in both formats: the HTTP status, the spec's
 * content type, the JSON against the schema (strictly: a number sent as a string fails), the XML's
 * declaration and root element, and the XML, normalised to the JSON shape by the same schema,
 * against the schema and equal to the JSON. Test support only; the server does not use it.
 */
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);

/** The spec's XML names one item of each list (its JSON is the "Spark" mapping of that XML). */
const XML_ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, ignoreDeclaration: true });
const validators = new Map<object, ValidateFunction>();

export function validate(schema: object, value: unknown): void {
  let check = validators.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    validators.set(schema, check);
  }
  const ok = check(value);
  expect(ok, JSON.stringify(check.errors, null, 2)).toBe(true);
}

interface SchemaNode {
  type?: string | readonly string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

/** The XML document as the JSON value it must equal: lists unwrapped, text typed by the schema. */
export function xmlAsJson(xml: string, root: string, schema: object): unknown {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = parser.parse(xml) as Record<string, unknown>;
  expect(Object.keys(doc)).toEqual([root]);
  return normalise(doc[root], schema as SchemaNode, root);
}

function normalise(node: unknown, schema: SchemaNode, name: string): unknown {
  const types = [schema.type ?? []].flat();
  if (types.includes('array')) {
    const item = XML_ITEM[name];
    if (!item) throw new Error(`the spec names no item element for ${name}`);
    if (node === '') return [];
    expect(Object.keys(node as object)).toEqual([item]);
    const items = (node as Record<string, unknown>)[item];
    return [items].flat().map((i) => normalise(i, schema.items ?? {}, item));
  }
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, normalise(v, schema.properties?.[k] ?? {}, k)]),
    );
  return typed(String(node), types);
}

function typed(text: string, types: readonly string[]): unknown {
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  const numeric = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text);
  if (types.includes('integer') && /^-?\d+$/.test(text)) return Number(text);
  if (types.includes('number') && numeric) return Number(text);
  return text;
}

export const CONTENT_TYPE = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

export interface Exchange {
  status: number;
  json: unknown;
  xml: LightMyRequestResponse;
}

/**
 * GETs `path.json` and `path.xml` (with `query`), checks both against `schema`, and returns the JSON.
 * `root` is the XML document element the spec gives this answer.
 */
export async function getBoth(
  app: FastifyInstance,
  path: string,
  root: string,
  schema: object,
  opts: { query?: string; headers?: Record<string, string> } = {},
): Promise<Exchange> {
  const url = (format: 'json' | 'xml') => `${path}.${format}${opts.query ? `?${opts.query}` : ''}`;
  const [json, xml] = await Promise.all(
    (['json', 'xml'] as const).map((f) => app.inject({ method: 'GET', url: url(f), headers: opts.headers })),
  );
  return checkPair(json!, xml!, root, schema);
}

export function checkPair(
  json: LightMyRequestResponse,
  xml: LightMyRequestResponse,
  root: string,
  schema: object,
): Exchange {
  expect(xml.statusCode).toBe(json.statusCode);
  expect(json.headers['content-type']).toBe(CONTENT_TYPE.json);
  expect(xml.headers['content-type']).toBe(CONTENT_TYPE.xml);
  const body = json.json();
  validate(schema, body);
  const fromXml = xmlAsJson(xml.body, root, schema);
  validate(schema, fromXml);
  expect(fromXml).toEqual(body);
  return { status: json.statusCode, json: body, xml };
}

/** POSTs a form to requests.{format}, as an Open311 client does. */
export function postForm(
  app: FastifyInstance,
  format: 'json' | 'xml',
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

/** POSTs the same form as JSON and as XML and checks both answers (errors are identical lists). */
export async function postBoth(
  app: FastifyInstance,
  fields: Record<string, string>,
  root: string,
  schema: object,
  headers: Record<string, string> = {},
): Promise<Exchange> {
  const json = await postForm(app, 'json', fields, headers);
  const xml = await postForm(app, 'xml', fields, headers);
  return checkPair(json, xml, root, schema);
}

/** Issues an API token to a demo account (the integration account `open311` unless told) as an administrator would. */
export async function issueKey(
  t: SeededApp,
  scopes: string[],
  login = 'open311',
): Promise<{ secret: string; tokenId: number }> {
  const admin = await t.as('admin');
  const found = (await admin.get(`/api/admin/accounts?q=${login}`)).json();
  const account = found.items.find((a: { username: string }) => a.username === login);
  const res = await admin.post(`/api/admin/accounts/${account.id}/tokens`, { name: 'Open311 对接', scopes });
  expect(res.statusCode).toBe(200);
  return { secret: res.json().secret, tokenId: res.json().token.id };
}

/** The middle of the demo grid worker's grid, where `grid` may check and `street` dispatch. */
export async function gridPoint(t: SeededApp): Promise<{ lat: string; long: string }> {
  const grid = await t.as('grid');
  const nodeId = (await grid.get('/api/auth/me')).json().roles[0].orgNodeId;
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, nodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  return { lat: String(lat), long: String(lng) };
}
