import { RightOutlined } from '@ant-design/icons';
import type { Rating } from '@linli/contract';
import { App, Button, Empty, Input, Radio, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { formatDate, formatDateTime } from '../../app/format';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';
import {
  type ApplicationView,
  fireApplicationAction,
  matterName,
  STATE_COLOR,
  uploadServiceFile,
  useApplication,
  useApplicationChanged,
  useApplications,
} from '../../modules/services/services-api';
import { BackLink } from '../registry/phone-parts';
import { MaterialUpload } from './material-upload';
import './services-phone.css';

// The 好差评 levels, best first (the contract's RATINGS; listed here so the phone bundle carries no zod).
const RATINGS = [
  'very_satisfied',
  'satisfied',
  'basic',
  'dissatisfied',
  'very_dissatisfied',
] as const satisfies readonly Rating[];

/** 我的办件: every application of the resident with its state and when it was made. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const { data } = useApplications('mine');
  if (!data) return <PageLoading />;
  return (
    <>
      <BackLink to="/m/services" />
      <h2 className="phone-title">{t('services.catalogue.mine')}</h2>
      <div className="phone-card">
        {data.length === 0 ? <Empty description={t('services.detail.empty')} /> : null}
        <ul className="sv-list">
          {data.map((a) => (
            <li key={a.id}>
              <Link to={`/m/services/applications/${a.id}`}>
                <span>
                  {matterName({ nameZh: a.matterNameZh, nameEn: a.matterNameEn })}
                  <small>{formatDateTime(a.submittedAt)}</small>
                </span>
                <span>
                  <Tag color={STATE_COLOR[a.state]}>{t(`services.state.${a.state}`)}</Tag>
                  <RightOutlined aria-hidden />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

function useFire(a: ApplicationView) {
  const { message } = App.useApp();
  const changed = useApplicationChanged();
  const [busy, setBusy] = useState(false);
  const fire = async (action: string, extra: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      changed(await fireApplicationAction(a.id, { action, version: a.version, ...extra }));
    } catch (e) {
      message.error(isApiError(e) ? [e.message, ...e.details.map((d) => d.message)].join('；') : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { fire, busy };
}

/** The one-time list (一次性告知): every material still needed, each with its upload, sent together. */
function SupplyCard({ a }: { a: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { fire, busy } = useFire(a);
  const [files, setFiles] = useState<Record<string, number[]>>({});
  return (
    <section className="phone-card sv-warn" aria-label={t('services.detail.supplementsTitle')}>
      <h3>{t('services.detail.supplementsTitle')}</h3>
      <p>{t('services.detail.supplyHint')}</p>
      {a.supplements.map((s) => (
        <div key={s.code}>
          <MaterialUpload
            name={i18n.language === 'en-US' ? s.nameEn : s.nameZh}
            fromRegistry={false}
            count={files[s.code]?.length ?? 0}
            upload={async (file) => {
              const { id } = await uploadServiceFile(file, me.csrfToken);
              setFiles((f) => ({ ...f, [s.code]: [...(f[s.code] ?? []), id] }));
            }}
          />
          {s.note ? <small>{s.note}</small> : null}
        </div>
      ))}
      <Button
        type="primary"
        block
        loading={busy}
        disabled={a.supplements.some((s) => !files[s.code]?.length)}
        onClick={() =>
          fire('supply', { materials: Object.entries(files).map(([code, fileIds]) => ({ code, fileIds })) })
        }
        style={{ marginTop: 12 }}
      >
        {t('services.action.supply')}
      </Button>
    </section>
  );
}

/** 好差评: five levels and an optional comment. */
function RateCard({ a }: { a: ApplicationView }) {
  const { t } = useTranslation();
  const { fire, busy } = useFire(a);
  const [rating, setRating] = useState<string>();
  const [comment, setComment] = useState('');
  return (
    <div className="phone-card">
      <h3>{t('services.detail.rateTitle')}</h3>
      <Radio.Group
        value={rating}
        onChange={(e) => setRating(e.target.value)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={RATINGS.map((r) => ({ value: r, label: t(`services.rating.${r}`) }))}
      />
      <Input.TextArea
        aria-label={t('services.detail.comment')}
        placeholder={t('services.detail.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        style={{ marginTop: 12 }}
      />
      <Button
        type="primary"
        block
        disabled={!rating}
        loading={busy}
        onClick={() => fire('evaluate', { rating, comment: comment || undefined })}
        style={{ marginTop: 12 }}
      >
        {t('services.detail.rate')}
      </Button>
    </div>
  );
}

/** One application on the phone: where it stands, what is needed from the applicant, the result and the rating. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: a, error } = useApplication(id);
  const { fire, busy } = useFire(a as ApplicationView);
  if (error && isApiError(error, 404)) return <NotFound />;
  if (!a) return <PageLoading />;
  const row = (label: string, value: React.ReactNode) => (
    <div className="phone-row">
      <span>{label}</span>
      <span>{value}</span>
    </div>
  );
  return (
    <>
      <BackLink to="/m/services/mine" />
      <h2 className="phone-title">{matterName({ nameZh: a.matterNameZh, nameEn: a.matterNameEn })}</h2>
      <div className="phone-card">
        {row(
          t('services.desk.columns.state'),
          <Tag color={STATE_COLOR[a.state]}>{t(`services.state.${a.state}`)}</Tag>,
        )}
        {row(t('services.detail.submittedAt'), formatDateTime(a.submittedAt))}
        {a.receiptNumber ? row(t('services.detail.receiptNumber'), a.receiptNumber) : null}
        {a.receiptNumber && a.promisedAt
          ? row(t('services.detail.promisedAt'), formatDate(a.promisedAt))
          : null}
        {row(t('services.detail.window'), a.windowName)}
        {a.departmentName ? row(t('services.detail.department'), a.departmentName) : null}
        {a.result ? row(t('services.detail.result'), a.result) : null}
        {a.reason ? row(t('services.detail.reason'), a.reason) : null}
        {a.rating ? row(t('services.action.evaluate'), t(`services.rating.${a.rating}`)) : null}
      </div>
      {a.pausedAt ? <p className="phone-note">{t('services.detail.paused')}</p> : null}
      {a.actions.includes('supply') ? <SupplyCard a={a} /> : null}
      {a.actions.includes('evaluate') ? <RateCard a={a} /> : null}
      {a.followUpCase ? (
        <Link
          to={`/m/cases/${a.followUpCase.id}`}
          className="phone-card"
          style={{ display: 'block', marginTop: 12 }}
        >
          {t('services.detail.followUp', {
            id: a.followUpCase.id,
            state: t(`cases.state.${a.followUpCase.state}` as 'cases.state.dispatched'),
          })}{' '}
          <RightOutlined aria-hidden />
        </Link>
      ) : null}
      <div className="phone-card">
        <h3>{t('services.detail.steps')}</h3>
        <Steps
          direction="vertical"
          size="small"
          current={a.events.length - 1}
          items={a.events.map((e) => ({
            title: t(`services.action.${e.action}` as 'services.action.submit'),
            description: `${formatDateTime(e.at)}${e.note ? ` · ${e.note}` : ''}`,
          }))}
        />
      </div>
      {a.actions.includes('withdraw') ? (
        <div className="sv-actions">
          <Button danger block loading={busy} onClick={() => fire('withdraw')}>
            {t('services.action.withdraw')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
