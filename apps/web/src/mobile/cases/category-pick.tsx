import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryView } from './phone-case-api';

const RECENT_KEY = 'linli.cases.recentCategories';
const CHIPS = 8;

function readRecent(): number[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : [];
  } catch {
    return [];
  }
}

/** Remembers the category of a report just sent: what this user reports often comes first next time. */
export function rememberCategory(id: number): void {
  try {
    localStorage.setItem(
      RECENT_KEY,
      JSON.stringify([id, ...readRecent().filter((n) => n !== id)].slice(0, CHIPS)),
    );
  } catch {
    // Private browsing may forbid storage; the chips then simply keep their default order.
  }
}

export const categoryName = (c: CategoryView, lang: string) => (lang === 'en-US' ? c.nameEn : c.nameZh);

/** Leaf categories (the ones a report is filed under), with their parents for grouping. */
function leavesOf(all: CategoryView[]) {
  const active = all.filter((c) => c.active);
  const parents = new Set(active.map((c) => c.parentId).filter((id) => id !== null));
  return active.filter((c) => !parents.has(c.id));
}

/** Up to eight chips: this user's recent categories first, then the tree's own order; then 其他. */
export function useQuickCategories(all: CategoryView[] | undefined) {
  return useMemo(() => {
    const leaves = leavesOf(all ?? []);
    const byId = new Map(leaves.map((c) => [c.id, c]));
    const recent = readRecent().flatMap((id) => (byId.has(id) ? [byId.get(id) as CategoryView] : []));
    const chips = [...recent, ...leaves.filter((c) => !recent.includes(c))].slice(0, CHIPS);
    const parents = new Map((all ?? []).map((c) => [c.id, c]));
    return { chips, leaves, parents };
  }, [all]);
}

export const OTHER = 'other';

/**
 * 问题类别 as big chips; 其他 opens the whole list (grouped by major class), including "none" for a
 * matter no category fits (the dispatcher files it under one).
 */
export function CategoryPick({
  categories,
  value,
  onPick,
}: {
  categories: CategoryView[] | undefined;
  /** A category id, OTHER (the list is open, nothing chosen yet) or '' (nothing). */
  value: number | typeof OTHER | '';
  onPick: (next: number | typeof OTHER | '') => void;
}) {
  const { t, i18n } = useTranslation();
  const { chips, leaves, parents } = useQuickCategories(categories);
  const inChips = typeof value === 'number' && chips.some((c) => c.id === value);
  const listOpen = value === OTHER || (typeof value === 'number' && !inChips);
  const groups = new Map<string, CategoryView[]>();
  for (const c of leaves) {
    const parent = c.parentId ? parents.get(c.parentId) : undefined;
    const name = parent ? categoryName(parent, i18n.language) : t('casesPhone.category.ungrouped');
    groups.set(name, [...(groups.get(name) ?? []), c]);
  }
  return (
    <fieldset className="pf-field">
      <legend className="pf-label">{t('casesPhone.category.label')}</legend>
      <div className="pf-choices">
        {chips.map((c) => (
          <label key={c.id} className="pf-choice">
            <input type="radio" name="pf-category" checked={value === c.id} onChange={() => onPick(c.id)} />
            <span>{categoryName(c, i18n.language)}</span>
          </label>
        ))}
        <label className="pf-choice">
          <input type="radio" name="pf-category" checked={listOpen} onChange={() => onPick(OTHER)} />
          <span>{t('casesPhone.category.other')}</span>
        </label>
      </div>
      {listOpen ? (
        <>
          <label className="visually-hidden" htmlFor="pf-category-all">
            {t('casesPhone.category.all')}
          </label>
          <select
            id="pf-category-all"
            className="pf-input"
            value={typeof value === 'number' ? String(value) : ''}
            onChange={(e) => onPick(e.target.value ? Number(e.target.value) : OTHER)}
          >
            <option value="">{t('casesPhone.category.none')}</option>
            {[...groups].map(([group, list]) => (
              <optgroup key={group} label={group}>
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {categoryName(c, i18n.language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </>
      ) : null}
    </fieldset>
  );
}
