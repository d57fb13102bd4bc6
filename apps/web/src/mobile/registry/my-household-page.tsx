import type { correctionBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Empty } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer, isApiError } from '../../app/api';
import { PageLoading } from '../../components/page-loading';
import { type ResidentView, useMyHousehold } from '../../modules/registry/registry-api';
import { CORRECTION_FIELDS, labelOptions, regLabel } from '../../modules/registry/registry-labels';
import { ChoiceField, PhoneButton, requiredRule, TextField, usePhoneForm } from './phone-form';
import { BackLink } from './phone-parts';

type Body = Infer<typeof correctionBody>;

function CorrectionForm({ member, onDone }: { member: ResidentView; onDone: () => void }) {
  const { t } = useTranslation();
  const form = usePhoneForm({});
  const send = useMutation({
    mutationFn: (body: Body) => api.post<unknown>('/me/corrections', body),
    onSuccess: onDone,
    onError: (e) => form.fromApi(e),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = requiredRule(t('validation.required'));
    if (!form.check({ field: [required], proposed: [required] })) return;
    const note = form.values.note?.trim();
    send.mutate({
      residentId: member.id,
      field: form.values.field as Body['field'],
      proposed: (form.values.proposed ?? '').trim(),
      ...(note ? { note } : {}),
    });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      style={{ marginTop: 12 }}
      aria-label={t('registry.m.correctionTitle', { name: member.name })}
    >
      <p className="muted">{t('registry.m.correctionHint')}</p>
      {send.error ? (
        <div className="phone-note error" role="alert">
          {send.error.message}
        </div>
      ) : null}
      <ChoiceField
        form={form}
        name="field"
        label={t('registry.corrections.field')}
        required
        options={labelOptions(t, 'correctionField', CORRECTION_FIELDS)}
      />
      <TextField form={form} name="proposed" label={t('registry.m.proposed')} required />
      <TextField form={form} name="note" label={t('registry.m.correctionNote')} multiline />
      <PhoneButton type="submit" primary busy={send.isPending}>
        {t('registry.m.submit')}
      </PhoneButton>
    </form>
  );
}

function MemberCard({ member }: { member: ResidentView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  return (
    <article className="phone-card" aria-label={member.name}>
      <div className="person-card-head">
        <strong style={{ fontSize: 17 }}>{member.name}</strong>
        <span className="muted">{regLabel(t, 'relation', member.relation)}</span>
      </div>
      <div className="muted">
        {regLabel(t, 'gender', member.gender)} · {t('registry.list.ageValue', { age: member.age })}
      </div>
      <div className="phone-row">
        <span>{regLabel(t, 'field', 'idNumber')}</span>
        <span className="mono">{member.idNumber ?? '—'}</span>
      </div>
      <div className="phone-row">
        <span>{regLabel(t, 'field', 'phone')}</span>
        <span className="mono">{member.phone ?? '—'}</span>
      </div>
      {sent ? (
        <p className="phone-note" role="status">
          {t('registry.m.correctionSent')}
        </p>
      ) : open ? (
        <CorrectionForm
          member={member}
          onDone={() => {
            setOpen(false);
            setSent(true);
          }}
        />
      ) : (
        <PhoneButton
          label={t('registry.m.requestCorrectionNamed', { name: member.name })}
          onClick={() => setOpen(true)}
        >
          {t('registry.m.requestCorrection')}
        </PhoneButton>
      )}
    </article>
  );
}

/** 我的家庭: the resident's household as the register has it, with a way to ask for corrections. */
export function MyHouseholdPage() {
  const { t } = useTranslation();
  const household = useMyHousehold();
  return (
    <>
      <BackLink to="/m" />
      <h2 className="phone-title">{t('phone.tiles.household')}</h2>
      {household.isLoading ? <PageLoading /> : null}
      {isApiError(household.error, 404) ? (
        <Empty
          description={
            <>
              <strong>{t('registry.m.noHousehold')}</strong>
              <br />
              {t('registry.m.noHouseholdHint')}
            </>
          }
        />
      ) : household.error ? (
        <div className="phone-note error" role="alert">
          {household.error.message}
        </div>
      ) : null}
      {household.data ? (
        <>
          <p className="muted">
            {household.data.address ?? ''}
            {household.data.householdNo
              ? ` · ${t('registry.household.no')} ${household.data.householdNo}`
              : ''}
          </p>
          {household.data.members.map((m) => (
            <MemberCard key={m.id} member={m} />
          ))}
        </>
      ) : null}
    </>
  );
}
