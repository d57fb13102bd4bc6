import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { PageLoading } from '../../components/page-loading';
import { Done, PhoneButton } from '../registry/phone-form';
import { BackLink, PhoneError } from '../registry/phone-parts';
import { useOnline } from '../use-online';
import { useReportGrids } from './phone-case-api';
import type { PlaceGrid } from './place-field';
import { useQueueState } from './queue-store';
import { ReportForm, type ReportResult } from './report-form';
import { SyncCard } from './sync-card';

/** After the report: where it went (or that it waits on the phone), and 继续上报. */
function ReportDone({ result, again }: { result: ReportResult; again: () => void }) {
  const { t } = useTranslation();
  const { reports } = useQueueState();
  if ('queued' in result) {
    return (
      <Done title={t('casesPhone.done.queued')}>
        <p className="muted">
          {t('casesPhone.done.queuedHint', { count: reports.filter((r) => !r.refused).length })}
        </p>
        <PhoneButton primary onClick={again}>
          {t('casesPhone.done.again')}
        </PhoneButton>
      </Done>
    );
  }
  const c = result.sent;
  return (
    <Done title={c.state === 'self_resolved' ? t('casesPhone.done.selfResolved') : t('casesPhone.done.sent')}>
      <p>
        <strong>{c.title}</strong>
        <br />
        <span className="muted">{t('casesPhone.done.number', { id: c.id, grid: c.orgNodeName })}</span>
      </p>
      <Link to={`/m/cases/${c.id}`} className="link-button">
        {t('casesPhone.done.open')}
      </Link>
      <PhoneButton onClick={again}>{t('casesPhone.done.again')}</PhoneButton>
    </Done>
  );
}

/** A fresh form after each report (its photos, position and fields start over). */
function ReportFlow({ variant, grids }: { variant: 'grid' | 'resident'; grids: PlaceGrid[] }) {
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<ReportResult | null>(null);
  if (result)
    return (
      <ReportDone
        result={result}
        again={() => {
          setResult(null);
          setRound((n) => n + 1);
        }}
      />
    );
  return <ReportForm key={round} variant={variant} grids={grids} onDone={setResult} />;
}

function OfflineNote() {
  const { t } = useTranslation();
  return useOnline() ? null : (
    <div className="phone-note warning" role="status">
      {t('casesPhone.report.offline')}
    </div>
  );
}

/** 上报事件 (grid worker): three taps — photo, category, 提交; the place comes from the phone. */
export function GridReportPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { grids, loading, error } = useReportGrids(me);
  const { reports } = useQueueState();
  return (
    <>
      <BackLink to="/m/grid" />
      <h2 className="phone-title">{t('casesPhone.report.title')}</h2>
      <OfflineNote />
      {loading ? <PageLoading /> : <ReportFlow variant="grid" grids={grids} />}
      <PhoneError error={error} />
      {reports.length > 0 ? (
        <section className="phone-section" aria-labelledby="queue">
          <h2 id="queue">{t('phone.sync')}</h2>
          <SyncCard />
        </section>
      ) : null}
    </>
  );
}

/** 我要反映 (resident): a photo if they have one, where, and what is wrong; their own grid by default. */
export function ResidentReportPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { reports } = useQueueState();
  const grids = me.roles
    .filter((r) => r.role === 'resident')
    .map((r) => ({ id: r.orgNodeId, name: r.orgNodeName }));
  return (
    <>
      <BackLink to="/m" />
      <h2 className="phone-title">{t('casesPhone.new.title')}</h2>
      <p className="muted">{t('casesPhone.new.intro')}</p>
      <OfflineNote />
      <ReportFlow variant="resident" grids={grids} />
      {reports.length > 0 ? (
        <section className="phone-section" aria-labelledby="queue">
          <h2 id="queue">{t('phone.sync')}</h2>
          <SyncCard />
        </section>
      ) : null}
    </>
  );
}
