/** A tsvector literal of lexemes taken verbatim (the same lexemes array_to_tsvector would store). */
export function tsvectorLiteral(terms: string[]): string {
  return terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}
