import { CloudOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { PhoneButton } from '../registry/phone-form';
import { useOnline } from '../use-online';
import { useSyncQueue } from './auto-sync';
import { removeQueued, useQueueState } from './queue-store';
import type { QueuedReport } from './report-queue';
import './phone-cases.css';

/** Deleting a queued report loses it for good: the first tap arms the button, the second deletes. */
function DeleteQueued({ report }: { report: QueuedReport }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className="text-button"
      style={armed ? { color: '#cf1322' } : undefined}
      onClick={() => (armed ? void removeQueued(report.key) : setArmed(true))}
    >
      {armed ? t('casesPhone.queue.confirmDelete') : t('casesPhone.queue.delete')}
    </button>
  );
}

/**
 * 同步状态: online or not, the reports waiting on this phone (and any the API refused, with why),
 * and 立即同步.
 */
export function SyncCard() {
  const { t } = useTranslation();
  const online = useOnline();
  const { reports, syncing, justSent } = useQueueState();
  const sync = useSyncQueue();
  const waiting = reports.filter((r) => !r.refused).length;
  return (
    <div className="phone-card" aria-live="polite">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        {online ? (
          <CloudOutlined style={{ color: '#389e0d' }} aria-hidden />
        ) : (
          <DisconnectOutlined style={{ color: '#cf1322' }} aria-hidden />
        )}
        <strong>{online ? t('phone.online') : t('phone.offline')}</strong>
      </div>
      <p className="muted" role="status" style={{ margin: '4px 0 0' }}>
        {waiting > 0
          ? t('casesPhone.queue.waiting', { count: waiting })
          : justSent > 0
            ? t('casesPhone.queue.synced', { count: justSent })
            : t('phone.queueEmpty')}
      </p>
      {reports.length > 0 ? (
        <ul
          className="cp-queue"
          aria-label={t('casesPhone.queue.title')}
          style={{ listStyle: 'none', padding: 0 }}
        >
          {reports.map((r) => (
            <li key={r.key} className="cp-queue-item">
              <strong>{r.fields.title}</strong>
              <span className="muted">
                {formatDateTime(r.createdAt)} · {t('casesPhone.queue.photos', { count: r.photos.length })}
              </span>
              {r.refused ? (
                <span className="pf-error">
                  {t('casesPhone.queue.refused', { reason: r.refused.message })}
                </span>
              ) : r.lastError ? (
                <span className="pf-hint">{t('casesPhone.queue.lastError', { reason: r.lastError })}</span>
              ) : null}
              <span>
                <DeleteQueued report={r} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {waiting > 0 ? (
        <div className="phone-actions">
          <PhoneButton onClick={() => void sync()} busy={syncing} disabled={!online}>
            <SyncOutlined spin={syncing} aria-hidden /> {t('casesPhone.queue.syncNow')}
          </PhoneButton>
        </div>
      ) : null}
    </div>
  );
}
