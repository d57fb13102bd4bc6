/**
 * A GeoReport POST body: `application/x-www-form-urlencoded`, plain fields plus service-definition
 * answers as `attribute[CODE]=v` (single value) or `attribute[CODE][]=v1&attribute[CODE][]=v2`
 * (multivaluelist). An empty value counts as absent (spec: "optional" means it may be left empty).
 */
export class FormBody {
  constructor(
    readonly fields: ReadonlyMap<string, string>,
    readonly attributes: ReadonlyMap<string, string | string[]>,
  ) {}

  get(name: string): string | undefined {
    return this.fields.get(name);
  }
}

/** Bodies are a handful of short fields; anything near this is not a service request. */
export const FORM_LIMIT = 64 * 1024;

const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;

export function parseForm(body: string): FormBody {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (value === '') continue;
    const attribute = ATTRIBUTE.exec(name);
    if (!attribute) {
      // A repeated plain field keeps its first value, as URLSearchParams.get would.
      if (!fields.has(name)) fields.set(name, value);
      continue;
    }
    const [, code, many] = attribute as unknown as [string, string, string | undefined];
    if (!many) {
      if (!attributes.has(code)) attributes.set(code, value);
      continue;
    }
    const seen = attributes.get(code) ?? [];
    attributes.set(code, [...(Array.isArray(seen) ? seen : [seen]), value]);
  }
  return new FormBody(fields, attributes);
}
