import { describe, expect, it } from 'vitest';
import { searchQueryFor, searchTermsFor } from './search-terms';

describe('search terms', () => {
  it('covers pinyin, initials, tails and Chinese n-grams', () => {
    const terms = searchTermsFor(['张三丰']);
    for (const t of ['zhangsanfeng', 'sanfeng', 'feng', 'zsf', 'sf', '张', '三', '张三', '三丰', '张三丰']) {
      expect(terms).toContain(t);
    }
  });

  it('reads surnames in their surname reading and keeps the common one', () => {
    expect(searchTermsFor(['单田芳'])).toContain('shantianfang');
    expect(searchTermsFor(['曾小贤'])).toContain('zengxiaoxian');
  });

  it('includes former names and ignores middle dots in transliterated names', () => {
    const terms = searchTermsFor(['王芳', '王小芳']);
    expect(terms).toContain('wangxiaofang');
    expect(searchTermsFor(['阿依古丽·买买提'])).toContain('阿依');
  });

  it('turns input into prefix or pair queries and neutralises tsquery syntax', () => {
    expect(searchQueryFor('ZhangS')).toBe("'zhangs':*");
    expect(searchQueryFor('zs')).toBe("'zs':*");
    expect(searchQueryFor('张')).toBe("'张':*");
    expect(searchQueryFor('张三丰')).toBe("'张三' & '三丰'");
    expect(searchQueryFor("a' | b:*")).toBe("'ab':*");
    expect(searchQueryFor('  ')).toBeNull();
  });
});
