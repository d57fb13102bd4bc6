import { describe, expect, it } from 'vitest';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

function keysOf(dict: object, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function valuesOf(dict: object): unknown[] {
  return Object.values(dict).flatMap((v) => (v !== null && typeof v === 'object' ? valuesOf(v) : [v]));
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(dict: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);
}

describe('i18n dictionaries', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    expect(keysOf(enUS).sort()).toEqual(keysOf(zhCN).sort());
  });

  it('every entry is a non-empty string', () => {
    for (const v of [...valuesOf(zhCN), ...valuesOf(enUS)]) {
      expect(typeof v).toBe('string');
      expect((v as string).trim().length).toBeGreaterThan(0);
    }
  });

  it('both languages use the same {{placeholders}} for each key', () => {
    for (const key of keysOf(zhCN)) {
      const zh = lookup(zhCN, key) as string;
      const en = lookup(enUS, key) as string;
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });
});
