/** A LIKE pattern matching `text` anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string | undefined): string | undefined {
  return text ? `%${text.replace(/[%_\\]/g, '\\$&')}%` : undefined;
}
