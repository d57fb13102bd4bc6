import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { regLabel, tagColour } from './registry-labels';

/** A resident's tags as coloured chips: one colour per kind (general, care, safety, by age). */
export function ResidentTags({ tags, empty = '—' }: { tags: readonly string[]; empty?: string }) {
  const { t } = useTranslation();
  if (tags.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="tag-list">
      {tags.map((tag) => (
        <Tag key={tag} color={tagColour(tag)} style={{ marginInlineEnd: 0 }}>
          {regLabel(t, 'tags', tag)}
        </Tag>
      ))}
    </span>
  );
}
