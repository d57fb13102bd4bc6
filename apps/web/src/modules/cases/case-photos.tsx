import { Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetailView } from './case-api';

type Photo = CaseDetailView['photos'][number];

/** Thumbnails that open the full photo (antd's preview, with zoom and next/previous across the group). */
export function CasePhotos({ photos, size = 96 }: { photos: Photo[]; size?: number }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <div className="case-photos">
      <Image.PreviewGroup>
        {photos.map((p, i) => (
          <Image
            key={p.id}
            src={p.url}
            width={size}
            height={size}
            alt={t('casesDesk.photo.alt', { n: i + 1, phase: t(`casesDesk.photo.phase.${p.phase}`) })}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}
