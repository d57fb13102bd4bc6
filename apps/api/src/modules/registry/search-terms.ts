import { pinyin } from 'pinyin-pro';

/**
 * Search works on lexemes we build ourselves (stored with array_to_tsvector, queried with prefix
 * tsqueries), so PGlite and PostgreSQL behave the same whatever their text-search parser and collation:
 * - Chinese: every character, every adjacent pair and the whole name (prefix and infix search);
 * - pinyin: the whole name and every tail from a syllable on ("zhangsanfeng", "sanfeng", "feng"), and
 *   the same for initials ("zsf", "sf"), in the surname reading (单 → shan) and the common reading.
 */
export function searchTermsFor(names: string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.replace(/[\s·•.]/g, '');
    if (!name) continue;
    const chars = [...name];
    out.add(name.toLowerCase());
    chars.forEach((c, i) => {
      out.add(c.toLowerCase());
      if (i + 1 < chars.length) out.add(`${c}${chars[i + 1]}`.toLowerCase());
    });
    for (const syllables of pinyinReadings(name)) {
      for (let i = 0; i < syllables.length; i++) {
        const tail = syllables.slice(i);
        out.add(tail.join(''));
        out.add(tail.map((s) => s[0]).join(''));
      }
    }
  }
  return [...out].filter((t) => t.length > 0 && t.length <= 64);
}

function pinyinReadings(name: string): string[][] {
  if (!/[\u3400-\u9fff]/.test(name)) return [];
  const readings = [
    pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }),
    pinyin(name, { toneType: 'none', type: 'array', v: true }),
  ].map((r) => r.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean));
  const seen = new Set<string>();
  return readings.filter((r) => r.length > 0 && !seen.has(r.join(' ')) && seen.add(r.join(' ')));
}

/** A tsquery literal matching lexemes that start with `term` (quotes doubled, nothing else interpreted). */
const prefixLexeme = (term: string) => `'${term.replace(/'/g, "''")}':*`;
const exactLexeme = (term: string) => `'${term.replace(/'/g, "''")}'`;

/**
 * The tsquery for what a person typed: Latin letters search pinyin and initials by prefix; Chinese of
 * one or two characters by prefix; longer Chinese as all of its adjacent pairs (so infixes match).
 * Returns null when nothing searchable remains.
 */
export function searchQueryFor(input: string): string | null {
  const cleaned = input.toLowerCase().replace(/[\s·•.'"\\:&|!()<>*]/g, '');
  if (!cleaned) return null;
  if (/^[a-z]+$/.test(cleaned)) return prefixLexeme(cleaned);
  const chars = [...cleaned];
  if (chars.length <= 2) return prefixLexeme(cleaned);
  const pairs = chars.slice(0, -1).map((c, i) => exactLexeme(`${c}${chars[i + 1]}`));
  return [...new Set(pairs)].join(' & ');
}
