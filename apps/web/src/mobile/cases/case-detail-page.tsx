import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';
import { BackLink } from '../registry/phone-parts';
import { CaseActions } from './case-actions';
import { CaseProgress, CaseTimeline, PhotoGrid } from './case-history';
import { CaseTags, DueText, useDistanceText } from './phone-bits';
import { type CaseDetailView, usePhoneCase } from './phone-case-api';
import { distanceMetres, useKnownPosition } from './position';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="phone-row">
      <span>{label}</span>
      <span>{children}</span>
    </div>
  );
}

function Summary({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const here = useKnownPosition();
  const distance = useDistanceText();
  const far =
    here && c.lat !== null && c.lng !== null ? distanceMetres(here, { lat: c.lat, lng: c.lng }) : null;
  return (
    <div className="phone-card">
      <h2 className="phone-title" style={{ marginBottom: 8 }}>
        {c.title}
      </h2>
      <CaseTags c={c} />
      <div style={{ marginTop: 8 }}>
        <Row label={t('casesPhone.detail.number')}>{c.id}</Row>
        {c.categoryName ? <Row label={t('casesPhone.category.label')}>{c.categoryName}</Row> : null}
        <Row label={t('casesPhone.detail.grid')}>{c.orgNodeName}</Row>
        {c.address ? <Row label={t('casesPhone.report.address')}>{c.address}</Row> : null}
        {far !== null ? <Row label={t('casesPhone.detail.distance')}>{distance(far)}</Row> : null}
        <Row label={t('casesPhone.detail.reportedAt')}>{formatDateTime(c.reportedAt)}</Row>
        {c.dueAt && c.stateType !== 'closed' ? (
          <Row label={t('casesPhone.detail.due')}>
            <DueText c={c} />
          </Row>
        ) : null}
        {c.closedAt ? <Row label={t('casesPhone.detail.closedAt')}>{formatDateTime(c.closedAt)}</Row> : null}
        {c.rating ? (
          <Row label={t('casesPhone.action.rating')}>
            {t(`casesPhone.rating.${c.rating as 1 | 2 | 3 | 4 | 5}`)}
          </Row>
        ) : null}
      </div>
      {c.description ? (
        <p className="cp-text" style={{ marginTop: 12 }}>
          {c.description}
        </p>
      ) : null}
    </div>
  );
}

/**
 * One case on the phone: what and where, its photos, the actions the API offers this user, the
 * progress by stage (for whoever reported it) and the timeline.
 */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const me = useSession();
  const id = Number(useParams().id);
  const query = usePhoneCase(id);
  const resident = me.account.kind === 'resident';
  const back = resident ? '/m/cases/mine' : '/m/cases/tasks';
  if (query.isLoading) return <PageLoading />;
  if (!Number.isInteger(id) || isApiError(query.error, 404)) return <NotFound />;
  if (query.error || !query.data) {
    return (
      <>
        <BackLink to={back} />
        <div className="phone-note error" role="alert">
          {query.error?.message}
        </div>
      </>
    );
  }
  const c = query.data;
  return (
    <>
      <BackLink to={back} />
      <Summary c={c} />
      {c.photos.length > 0 ? (
        <section className="phone-section" aria-labelledby="case-photos">
          <h2 id="case-photos">{t('casesPhone.detail.photos')}</h2>
          <PhotoGrid photos={c.photos} label={t('casesPhone.detail.photos')} />
        </section>
      ) : null}
      <CaseActions c={c} />
      {resident || c.reportedByMe ? <CaseProgress c={c} /> : null}
      <CaseTimeline c={c} />
    </>
  );
}
