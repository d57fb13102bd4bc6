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
    // Control characters never reach a lexeme: the keyed index splits on one (registry_search_keys).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    const name = raw.replace(/[\s·•.\u0000-\u001f\u007f]/g, '');
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

/**
 * The search index (migration 0005_registry_search) keys every lexeme by the block of org-node ids its
 * resident's grid falls in: `<org_node_id >> SEARCH_BLOCK_BITS>:<lexeme>`. A search names the blocks of
 * the scope, so it reads the index entries of the people it may find rather than the whole city's.
 * The same shift is written in the SQL function `registry_search_keys`; change both or neither.
 */
export const SEARCH_BLOCK_BITS = 7;
/** Where a query template takes the block number (a control character: stripped from every input). */
export const BLOCK_MARK = '\u0001';
/** Latin input shorter than this matches too much of a city to be a search (every name with a "z"). */
export const MIN_LATIN = 2;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are stripped on purpose
const NOT_SEARCHED = /[\s·•.'"\\:&|!()<>*\u0000-\u001f\u007f]/g;

/** A tsquery operand matching lexemes that start with `term` (quotes doubled, nothing else interpreted). */
const prefixLexeme = (term: string, key: string) => `'${key}${term.replace(/'/g, "''")}':*`;
const exactLexeme = (term: string, key: string) => `'${key}${term.replace(/'/g, "''")}'`;

export const cleanSearchInput = (input: string) => input.toLowerCase().replace(NOT_SEARCHED, '');

/** True when the input is Latin letters only and fewer than MIN_LATIN of them. */
export function tooShortForSearch(input: string): boolean {
  const cleaned = cleanSearchInput(input);
  return /^[a-z]+$/.test(cleaned) && cleaned.length < MIN_LATIN;
}

/**
 * The tsquery for what a person typed: Latin letters search pinyin and initials by prefix; Chinese of
 * one or two characters as that character or pair (every name starting with it holds it as a lexeme,
 * so this finds the same people as a prefix, from one index entry instead of a range); longer Chinese
 * as all of its adjacent pairs (so infixes match). `key` goes in front of every lexeme (BLOCK_MARK for
 * the keyed index). Returns null when nothing searchable remains.
 */
export function searchQueryFor(input: string, key = ''): string | null {
  const cleaned = cleanSearchInput(input);
  if (!cleaned) return null;
  if (/^[a-z]+$/.test(cleaned)) return prefixLexeme(cleaned, key);
  const chars = [...cleaned];
  if (chars.length <= 2) return exactLexeme(cleaned, key);
  const pairs = chars.slice(0, -1).map((c, i) => exactLexeme(`${c}${chars[i + 1]}`, key));
  return [...new Set(pairs)].join(' & ');
}
