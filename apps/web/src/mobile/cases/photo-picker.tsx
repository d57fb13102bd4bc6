import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preparePhoto } from './photo-file';
import type { Http, QueuedPhoto } from './report-queue';
import { newKey, uploadPhoto } from './report-queue';

export const MAX_PHOTOS = 9;

export interface PickedPhoto {
  localId: string;
  blob: Blob;
  /** An object URL for the thumbnail. */
  url: string;
  /** `waiting`: kept on the phone, it goes with the report once there is a network. */
  state: 'uploading' | 'uploaded' | 'waiting' | 'failed';
  uploadedId?: number;
  error?: string;
}

/**
 * A set of photos, each sent to the API as soon as it is picked (so submitting is quick); without a
 * network a photo stays on the phone and travels with the queued report.
 */
export function usePhotoSet(http: Http) {
  const { t } = useTranslation();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const held = urls.current;
    return () => {
      for (const url of held) URL.revokeObjectURL(url);
    };
  }, []);
  const patch = (localId: string, change: Partial<PickedPhoto>) =>
    setPhotos((all) => all.map((p) => (p.localId === localId ? { ...p, ...change } : p)));

  const add = async (files: File[]) => {
    const room = MAX_PHOTOS - photos.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const localId = newKey();
      let blob: Blob;
      try {
        blob = await preparePhoto(file);
      } catch {
        const error = t('casesPhone.photos.unsupported', { name: file.name });
        setPhotos((all) => [...all, { localId, blob: file, url: '', state: 'failed', error }]);
        continue;
      }
      const url = URL.createObjectURL(blob);
      urls.current.add(url);
      const online = navigator.onLine;
      setPhotos((all) => [...all, { localId, blob, url, state: online ? 'uploading' : 'waiting' }]);
      if (!online) continue;
      const answer = await uploadPhoto(http, blob);
      if (answer.ok) patch(localId, { state: 'uploaded', uploadedId: (answer.body as { id: number }).id });
      else if (answer.later) patch(localId, { state: 'waiting' });
      else patch(localId, { state: 'failed', error: answer.message });
    }
  };

  const remove = (localId: string) =>
    setPhotos((all) => {
      const gone = all.find((p) => p.localId === localId);
      if (gone?.url) {
        URL.revokeObjectURL(gone.url);
        urls.current.delete(gone.url);
      }
      return all.filter((p) => p.localId !== localId);
    });

  const clear = useCallback(() => {
    for (const url of urls.current) URL.revokeObjectURL(url);
    urls.current.clear();
    setPhotos([]);
  }, []);

  /** The photos that can go: uploaded ones by id, waiting ones as blobs (failed ones are left out). */
  const queued = (role: QueuedPhoto['role']): QueuedPhoto[] =>
    photos
      .filter((p) => p.state === 'uploaded' || p.state === 'waiting')
      .map((p) => ({ localId: p.localId, blob: p.blob, role, uploadedId: p.uploadedId }));

  const uploading = photos.some((p) => p.state === 'uploading');
  const usable = photos.filter((p) => p.state === 'uploaded' || p.state === 'waiting').length;
  const uploadedIds = photos.flatMap((p) => (p.uploadedId ? [p.uploadedId] : []));
  return { photos, add, remove, clear, queued, uploading, usable, uploadedIds };
}
export type PhotoSet = ReturnType<typeof usePhotoSet>;

/** Thumbnails with a remove button each, and two big buttons: the camera, or the album. */
export function PhotoPicker({
  set,
  label,
  required,
  error,
  id,
}: {
  set: PhotoSet;
  label: string;
  required?: boolean;
  error?: string;
  id: string;
}) {
  const { t } = useTranslation();
  const pick = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void set.add(files);
  };
  const full = set.photos.length >= MAX_PHOTOS;
  return (
    <fieldset className="pf-field" aria-describedby={error ? `${id}-msg` : undefined}>
      <legend className="pf-label">
        {required ? (
          <span className="pf-mark" aria-hidden="true">
            *
          </span>
        ) : null}
        {label}
      </legend>
      {set.photos.length > 0 ? (
        <ul className="cp-thumbs" aria-label={label}>
          {set.photos.map((p, i) => (
            <li key={p.localId} className={`cp-thumb ${p.state}`}>
              {p.url ? <img src={p.url} alt={t('casesPhone.photos.alt', { n: i + 1 })} /> : null}
              {p.state === 'uploaded' ? null : (
                <span className="cp-thumb-state">{t(`casesPhone.photos.state.${p.state}`)}</span>
              )}
              <button
                type="button"
                className="cp-thumb-remove"
                aria-label={t('casesPhone.photos.remove', { n: i + 1 })}
                onClick={() => set.remove(p.localId)}
              >
                <CloseOutlined aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {set.photos
        .filter((p) => p.error)
        .map((p) => (
          <span key={p.localId} className="pf-error" role="alert">
            {p.error}
          </span>
        ))}
      {full ? null : (
        <div className="cp-pick">
          <label className="cp-pick-button primary">
            <input
              id={id}
              type="file"
              accept="image/*"
              capture="environment"
              aria-label={t('casesPhone.photos.cameraFor', { label })}
              className="visually-hidden"
              onChange={(e) => pick(e.currentTarget)}
            />
            <CameraOutlined aria-hidden /> {t('casesPhone.photos.camera')}
          </label>
          <label className="cp-pick-button">
            <input
              type="file"
              accept="image/*"
              multiple
              aria-label={t('casesPhone.photos.albumFor', { label })}
              className="visually-hidden"
              onChange={(e) => pick(e.currentTarget)}
            />
            <PictureOutlined aria-hidden /> {t('casesPhone.photos.album')}
          </label>
        </div>
      )}
      {error ? (
        <span className="pf-error" id={`${id}-msg`} role="alert">
          {error}
        </span>
      ) : (
        <span className="pf-hint">{t('casesPhone.photos.hint', { max: MAX_PHOTOS })}</span>
      )}
    </fieldset>
  );
}
