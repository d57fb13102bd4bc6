import { Steps, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { dynamicLabel, roleLabel } from '../../components/labels';
import { type CaseDetailView, STAGES } from './phone-case-api';

type Photo = CaseDetailView['photos'][number];

/** Thumbnails; a tap shows the photo full screen (a native dialog: Esc and the back gesture close it). */
export function PhotoGrid({ photos, label }: { photos: Photo[]; label: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState<Photo | null>(null);
  if (photos.length === 0) return null;
  const show = (p: Photo) => {
    setShown(p);
    dialog.current?.showModal();
  };
  return (
    <>
      <ul className="cp-photos" aria-label={label}>
        {photos.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="cp-photo" onClick={() => show(p)}>
              <img
                src={p.url}
                alt={t('casesPhone.photos.phaseAlt', { phase: t(`casesPhone.phase.${p.phase}`), n: i + 1 })}
                loading="lazy"
              />
            </button>
          </li>
        ))}
      </ul>
      <dialog ref={dialog} className="cp-lightbox" aria-label={label} onClose={() => setShown(null)}>
        {shown ? <img src={shown.url} alt={t(`casesPhone.phase.${shown.phase}`)} /> : null}
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('casesPhone.photos.close')}
        </button>
      </dialog>
    </>
  );
}

/** 信息收集 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价, the case's place in it and its state. */
export function CaseProgress({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const refused = ['rejected', 'duplicate'].includes(c.state);
  // A refused case stopped at 立案; the later stages never happened.
  const current = refused ? STAGES.indexOf('file') : STAGES.indexOf(c.stage);
  const status = refused ? 'error' : c.stateType === 'closed' ? 'finish' : 'process';
  const reason =
    c.state === 'rejected' && c.reasonCode ? ` · ${dynamicLabel(t, 'cases.reason', c.reasonCode)}` : '';
  return (
    <section className="phone-section cp-progress" aria-labelledby="case-progress">
      <h2 id="case-progress">{t('casesPhone.detail.progress')}</h2>
      <div className="phone-card">
        <Steps
          orientation="vertical"
          size="small"
          current={current}
          status={status}
          items={STAGES.map((s, i) => ({
            title: t(`cases.stage.${s}`),
            content: i === current ? `${t(`cases.state.${c.state}`)}${reason}` : undefined,
          }))}
        />
      </div>
    </section>
  );
}

/** What a step's data adds in words (where it went, the rating, the reason); staff only get data. */
function stepDetail(t: TFunction, data: Record<string, unknown> | null): string | null {
  if (!data) return null;
  if (typeof data.assigneeName === 'string') return t('casesPhone.timeline.to', { name: data.assigneeName });
  if (typeof data.rating === 'number') return dynamicLabel(t, 'casesPhone.rating', String(data.rating));
  if (typeof data.reasonCode === 'string') return dynamicLabel(t, 'cases.reason', data.reasonCode);
  return null;
}

/** Every step the API shows this user (the reporter: public steps; staff: internal ones too). */
export function CaseTimeline({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const actionLabel = (a: string) => dynamicLabel(t, 'cases.action', a);
  return (
    <section className="phone-section" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('casesPhone.detail.timeline')}</h2>
      <div className="phone-card">
        <ol className="cp-timeline">
          {[...c.timeline].reverse().map((e) => (
            <li key={e.id} className={e.public ? undefined : 'internal'}>
              <div className="cp-timeline-head">
                <strong>{actionLabel(e.action)}</strong>
                {e.toState ? <Tag>{dynamicLabel(t, 'cases.state', e.toState)}</Tag> : null}
                {e.public ? null : <Tag>{t('casesPhone.timeline.internal')}</Tag>}
              </div>
              <div className="muted">
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
                {e.actorRole ? ` · ${roleLabel(t, e.actorRole)}` : ''}
              </div>
              {stepDetail(t, e.data) ? <div>{stepDetail(t, e.data)}</div> : null}
              {e.note ? <p className="cp-text">{e.note}</p> : null}
              <PhotoGrid
                photos={e.photos}
                label={t('casesPhone.timeline.photos', { step: actionLabel(e.action) })}
              />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
