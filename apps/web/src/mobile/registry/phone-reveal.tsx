import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { revealField } from '../../modules/registry/registry-api';
import { regLabel } from '../../modules/registry/registry-labels';
import { PhoneButton } from './phone-form';

/** The phone's "查看": the reason is asked for in place (no dialog), then the full value is shown. */
export function PhoneMasked({
  residentId,
  field,
  masked,
}: {
  residentId: number;
  field: 'idNumber' | 'phone';
  masked: string | null;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const reveal = useMutation({ mutationFn: () => revealField(residentId, field, reason.trim()) });
  if (!masked) return <span>—</span>;
  const value = reveal.data?.value;
  const short = reason.trim().length < 4;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
      <span className="mono">
        {value ?? masked}
        {can('pii.reveal') && !value && !asking ? (
          <button
            type="button"
            className="text-button"
            aria-label={t('registry.reveal.actionNamed', { field: regLabel(t, 'field', field) })}
            onClick={() => setAsking(true)}
          >
            {t('registry.reveal.action')}
          </button>
        ) : null}
      </span>
      {asking && !value ? (
        <span style={{ display: 'flex', flexDirection: 'column', gap: 6, width: '100%', textAlign: 'left' }}>
          <label htmlFor={id}>{t('registry.reveal.reason')}</label>
          <input
            id={id}
            className="pf-input"
            value={reason}
            maxLength={200}
            autoComplete="off"
            aria-invalid={reveal.error ? true : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          <span className="muted" style={{ fontSize: 13 }}>
            {reveal.error ? reveal.error.message : t('registry.reveal.reasonHint')}
          </span>
          <PhoneButton primary disabled={short} busy={reveal.isPending} onClick={() => reveal.mutate()}>
            {t('registry.reveal.confirm')}
          </PhoneButton>
        </span>
      ) : null}
      {value ? (
        <span className="muted" style={{ fontSize: 12 }}>
          {t('registry.reveal.audited')}
        </span>
      ) : null}
    </span>
  );
}
