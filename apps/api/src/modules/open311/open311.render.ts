import { XMLBuilder } from 'fast-xml-parser';

/**
 * One view, two formats. Every endpoint builds a plain value and this file writes it as JSON or as
 * XML, so the two cannot drift: the spec's JSON is a mechanical mapping of its XML (lists become
 * arrays, each list's items get the singular element name below).
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export type Root = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

/** The element name of one item of each list, by the list's name (root or field). */
export const ITEM_ELEMENT: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

export type Value = string | number | boolean | undefined | Value[] | { [key: string]: Value };

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
const builder = new XMLBuilder({ format: true, indentBy: '  ' });

export function render(format: Format, root: Root, body: Value): string {
  const clean = cleaned(body);
  if (format === 'json') return JSON.stringify(clean);
  return XML_DECLARATION + builder.build({ [root]: toXmlTree(root, clean) });
}

/** Lists become `{ item: [...] }`, scalars their text; absent fields are already gone. */
function toXmlTree(name: string, value: Value): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENT[name];
    if (!item) throw new Error(`no item element for the list ${name}`);
    return { [item]: value.map((v) => toXmlTree(item, v)) };
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlTree(k, v)]));
  return String(value);
}

/**
 * Drops absent fields and characters XML 1.0 cannot carry (a control character pasted into a
 * description would otherwise break every XML client), in both formats so they stay identical.
 */
function cleaned(value: Value): Value {
  if (Array.isArray(value)) return value.map(cleaned);
  if (typeof value === 'string') return xmlSafe(value);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, cleaned(v)]),
    );
  return value;
}

function xmlSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const allowed =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c > 0xffff;
    if (allowed) out += ch;
  }
  return out;
}

/** W3C date-time in China Standard Time (no daylight saving), second precision: 2026-11-22T08:00:00+08:00. */
export function w3cDate(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
