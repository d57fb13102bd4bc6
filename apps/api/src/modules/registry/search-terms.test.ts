import { describe, expect, it } from 'vitest';
import { BLOCK_MARK, searchQueryFor, searchTermsFor, tooShortForSearch } from './search-terms';

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
    expect(searchQueryFor('张三丰')).toBe("'张三' & '三丰'");
    expect(searchQueryFor("a' | b:*")).toBe("'ab':*");
    expect(searchQueryFor('  ')).toBeNull();
  });

  it('asks for one or two Chinese characters as that lexeme: every name starting with them holds it', () => {
    expect(searchQueryFor('张')).toBe("'张'");
    expect(searchQueryFor('张三')).toBe("'张三'");
    for (const name of ['张三', '张三丰', '李张三']) expect(searchTermsFor([name])).toContain('张三');
  });

  it('puts a key in front of every lexeme, and no input can forge the mark', () => {
    expect(searchQueryFor('zs', BLOCK_MARK)).toBe(`'${BLOCK_MARK}zs':*`);
    expect(searchQueryFor('张三丰', BLOCK_MARK)).toBe(`'${BLOCK_MARK}张三' & '${BLOCK_MARK}三丰'`);
    expect(searchQueryFor(`z${BLOCK_MARK}s\u001f`)).toBe("'zs':*");
    const lexemes = searchTermsFor([`张${BLOCK_MARK}三\u001f`]).join('');
    expect([...lexemes].every((c) => c.charCodeAt(0) >= 32)).toBe(true);
  });

  it('finds one Latin letter too short to search, and anything else long enough', () => {
    expect(tooShortForSearch('z')).toBe(true);
    expect(tooShortForSearch(' Z ')).toBe(true);
    expect(tooShortForSearch('zs')).toBe(false);
    expect(tooShortForSearch('张')).toBe(false);
    expect(tooShortForSearch('3')).toBe(false);
  });
});
