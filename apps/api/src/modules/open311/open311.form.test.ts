import { describe, expect, it } from 'vitest';
import { parseW3cDate } from './open311.filters';
import { parseForm } from './open311.form';

describe('the GeoReport form body', () => {
  it('reads plain fields, single attributes and multivalue attributes', () => {
    const form = parseForm(
      'api_key=lnl_x&service_code=E0101&lat=32.05&long=118.8' +
        '&attribute%5Burgency%5D=urgent&attribute[kinds][]=a&attribute[kinds][]=b&attribute[one][]=c',
    );
    expect(form.get('service_code')).toBe('E0101');
    expect(form.get('lat')).toBe('32.05');
    expect(Object.fromEntries(form.attributes)).toEqual({ urgency: 'urgent', kinds: ['a', 'b'], one: ['c'] });
  });

  it('decodes UTF-8 and + as a space, treats empty values as absent, and keeps the first of repeated fields', () => {
    const form = parseForm(
      'description=%E6%9A%B4%E9%9C%B2%E5%9E%83%E5%9C%BE+%E4%B8%A4%E5%A4%A9&email=&first_name=A&first_name=B&attribute[x]=',
    );
    expect(form.get('description')).toBe('暴露垃圾 两天');
    expect(form.get('email')).toBeUndefined();
    expect(form.get('first_name')).toBe('A');
    expect(form.attributes.has('x')).toBe(false);
  });

  it('does not take a field that merely looks like an attribute for one', () => {
    const form = parseForm('attribute=1&attributes[a]=2&attribute[]=3');
    expect(form.attributes.size).toBe(0);
    expect(form.get('attribute')).toBe('1');
  });
});

describe('W3C dates', () => {
  it('needs a time zone and a real calendar day', () => {
    expect(parseW3cDate('2026-11-22T08:00:00+08:00')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(parseW3cDate('2026-11-22T00:00Z')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(parseW3cDate('2026-11-22T08:00:00.5-05:00')?.toISOString()).toBe('2026-11-22T13:00:00.000Z');
    // An unencoded + in a query string arrives as a space.
    expect(parseW3cDate('2026-11-22T08:00:00 08:00')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    for (const bad of [
      '2026-11-22',
      '2026-11-22T08:00:00',
      '2026-02-30T00:00:00Z',
      '2026-11-22T25:00:00Z',
      'now',
    ])
      expect(parseW3cDate(bad), bad).toBeNull();
  });
});
