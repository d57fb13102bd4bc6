import { describe, expect, it } from 'vitest';
import { MESSAGE_CATALOGUES, translate } from './messages';

describe('server message catalogue', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    const zh = Object.keys(MESSAGE_CATALOGUES['zh-CN']).sort();
    expect(Object.keys(MESSAGE_CATALOGUES['en-US']).sort()).toEqual(zh);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      for (const [k, v] of Object.entries(MESSAGE_CATALOGUES[lang]))
        expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('fills parameters', () => {
    expect(translate('en-US', 'password.too_short', { min: 10 })).toBe(
      'The password needs at least 10 characters',
    );
  });
});
