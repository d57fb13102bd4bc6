import { Button, Empty, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useAction } from '../../app/use-action';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageLoading } from '../../components/page-loading';
import { categoryName, DemandStateTag } from '../../modules/hotline/demand-parts';
import {
  type DemandView,
  useDemandAction,
  useDemandCase,
  useDemands,
} from '../../modules/hotline/hotline-api';
import './hotline-phone.css';

/** The provider's actions, in the order shown; which of them apply is the engine's answer. */
const JOB_ACTIONS = ['provider_accept', 'provider_decline', 'serve'] as const;
type JobAction = (typeof JOB_ACTIONS)[number];
const LABELS: Record<JobAction, 'hotline.jobs.accept' | 'hotline.jobs.decline' | 'hotline.jobs.serve'> = {
  provider_accept: 'hotline.jobs.accept',
  provider_decline: 'hotline.jobs.decline',
  serve: 'hotline.jobs.serve',
};

/** 我的服务单 (provider, phone): the demands sent to this provider, with 接单 / 拒单 / 服务完成. */
export function JobsPage() {
  const { t } = useTranslation();
  const { data, error } = useDemands();
  if (error) return <ApiErrorAlert error={error} />;
  if (!data) return <PageLoading />;
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title" className="hl-title">
        {t('hotline.jobs.title')}
      </h2>
      {data.length === 0 ? (
        <Empty description={t('hotline.jobs.empty')} />
      ) : (
        <ul className="hl-jobs">
          {data.map((d) => (
            <JobCard key={d.id} job={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JobCard({ job }: { job: DemandView }) {
  const { t } = useTranslation();
  const { data: view } = useDemandCase(job.id);
  const [asking, setAsking] = useState<JobAction | null>(null);
  const actions = JOB_ACTIONS.filter((a) => view?.actions.includes(a));
  return (
    <li className="hl-job">
      <div className="hl-job-head">
        <strong>{categoryName(t, job.category)}</strong>
        <DemandStateTag state={job.state} t={t} />
      </div>
      <dl>
        <dt>{t('hotline.jobs.address')}</dt>
        <dd>{job.address}</dd>
        <dt>{t('hotline.jobs.caller')}</dt>
        <dd>{[job.callerNameMasked, job.callerPhoneMasked].filter(Boolean).join(' ')}</dd>
        <dt>{t('hotline.demand.reportedAt')}</dt>
        <dd>{formatDateTime(job.reportedAt)}</dd>
      </dl>
      {job.description ? <p className="hl-job-desc">{job.description}</p> : null}
      {view && actions.length > 0 ? (
        <div className="hl-job-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={a === 'provider_decline' ? 'default' : 'primary'}
              danger={a === 'provider_decline'}
              block
              onClick={() => setAsking(a)}
            >
              {t(LABELS[a])}
            </Button>
          ))}
        </div>
      ) : null}
      {asking && view ? (
        <ActionModal id={job.id} version={view.version} action={asking} onClose={() => setAsking(null)} />
      ) : null}
    </li>
  );
}

/** Accepting asks nothing; declining needs a reason; serving takes an optional note. */
function ActionModal({
  id,
  version,
  action,
  onClose,
}: {
  id: number;
  version: number;
  action: JobAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const act = useDemandAction();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const needsReason = action === 'provider_decline';
  const submit = () => run(() => act(id, action, version, note.trim() ? { note: note.trim() } : {}), onClose);
  return (
    <Modal
      open
      title={needsReason ? t('hotline.jobs.declineTitle') : t(LABELS[action])}
      onCancel={onClose}
      onOk={submit}
      okText={t(LABELS[action])}
      okButtonProps={{ disabled: needsReason && note.trim() === '', loading: busy, danger: needsReason }}
      cancelText={t('common.cancel')}
    >
      <ApiErrorAlert error={error} />
      {action === 'provider_accept' ? null : (
        <Input.TextArea
          rows={3}
          maxLength={2000}
          aria-label={needsReason ? t('hotline.jobs.declineReason') : t('hotline.jobs.serveNote')}
          placeholder={needsReason ? t('hotline.jobs.declineReason') : t('hotline.jobs.serveNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      )}
    </Modal>
  );
}
