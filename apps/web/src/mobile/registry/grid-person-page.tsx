import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';
import { StatusTag } from '../../components/status-tag';
import { type ResidentDetail, useHousehold, useResident } from '../../modules/registry/registry-api';
import { RESIDENT_STATUS_TONE, regLabel } from '../../modules/registry/registry-labels';
import { ResidentTags } from '../../modules/registry/resident-tags';
import { BackLink } from './phone-parts';
import { PhoneMasked } from './phone-reveal';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="phone-row">
      <span>{label}</span>
      <span>{children}</span>
    </div>
  );
}

function Household({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const household = useHousehold(resident.householdId);
  const others = household.data?.members.filter((m) => m.id !== resident.id) ?? [];
  if (!resident.householdId || others.length === 0) return null;
  return (
    <section className="phone-section" aria-labelledby="person-household">
      <h2 id="person-household">{t('registry.m.household')}</h2>
      <ul className="person-list">
        {others.map((m) => (
          <li key={m.id}>
            <Link to={`/m/grid/people/${m.id}`} className="person-card">
              <span className="person-card-head">
                <strong>{m.name}</strong>
                <span className="muted">{regLabel(t, 'relation', m.relation)}</span>
              </span>
              <span className="muted">
                {regLabel(t, 'gender', m.gender)} · {t('registry.list.ageValue', { age: m.age })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A compact record for the stairwell: who, where, which tags, the household and any floating registration. */
export function GridPersonPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const resident = useResident(id);
  if (!Number.isInteger(id) || id <= 0 || isApiError(resident.error, 404)) return <NotFound />;
  if (resident.isLoading) return <PageLoading />;
  if (!resident.data) {
    return (
      <div className="phone-note error" role="alert">
        {resident.error?.message}
      </div>
    );
  }
  const r = resident.data;
  const f = r.floating;
  return (
    <>
      <BackLink to="/m/grid/people" />
      <div className="phone-card">
        <div className="person-card-head">
          <h2 className="phone-title" style={{ margin: 0 }}>
            {r.name}
          </h2>
          <span>
            <StatusTag tone={RESIDENT_STATUS_TONE[r.status] ?? 'refused'}>
              {regLabel(t, 'status', r.status)}
            </StatusTag>
            <Tag style={{ marginInlineEnd: 0 }}>{regLabel(t, 'residenceType', r.residenceType)}</Tag>
          </span>
        </div>
        <p className="muted" style={{ margin: '4px 0 8px' }}>
          {regLabel(t, 'gender', r.gender)} · {t('registry.list.ageValue', { age: r.age })} · {r.gridName}
        </p>
        <div className="phone-tags">
          <ResidentTags tags={r.tags} empty="" />
        </div>
        {r.under14 ? <p className="phone-note">{t('registry.detail.under14')}</p> : null}
        <Row label={regLabel(t, 'field', 'idNumber')}>
          <PhoneMasked residentId={r.id} field="idNumber" masked={r.idNumber} />
        </Row>
        <Row label={regLabel(t, 'field', 'phone')}>
          <PhoneMasked residentId={r.id} field="phone" masked={r.phone} />
        </Row>
        <Row label={regLabel(t, 'field', 'birthDate')}>{r.birthDate}</Row>
        <Row label={regLabel(t, 'field', 'actualAddress')}>{r.actualAddress ?? '—'}</Row>
        <Row label={regLabel(t, 'field', 'relation')}>{regLabel(t, 'relation', r.relation)}</Row>
      </div>
      {f ? (
        <section className="phone-section" aria-labelledby="person-floating">
          <h2 id="person-floating">{t('registry.m.floating')}</h2>
          <div className="phone-card">
            <Row label={regLabel(t, 'field', 'origin')}>{f.origin}</Row>
            <Row label={t('registry.detail.floatingReason')}>{regLabel(t, 'floatingReason', f.reason)}</Row>
            <Row label={regLabel(t, 'field', 'arrivedOn')}>{f.arrivedOn}</Row>
            <Row label={regLabel(t, 'field', 'expectedUntil')}>{f.expectedUntil ?? '—'}</Row>
            {f.departedOn ? <Row label={regLabel(t, 'field', 'departedOn')}>{f.departedOn}</Row> : null}
          </div>
        </section>
      ) : null}
      <Household resident={r} />
    </>
  );
}
