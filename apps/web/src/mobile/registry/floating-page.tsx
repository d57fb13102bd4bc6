import type { floatingRegisterBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Infer } from '../../app/api';
import { PageLoading } from '../../components/page-loading';
import { type ResidentDetail, useRegistryUpdated } from '../../modules/registry/registry-api';
import { FLOATING_REASONS, labelOptions, regLabel } from '../../modules/registry/registry-labels';
import { PersonFields, personBody, personRules } from './person-fields';
import { ChoiceField, Done, PhoneButton, requiredRule, TextField, usePhoneForm } from './phone-form';
import { BackLink, PhoneError, type PhoneGrid, todayKey, usePhoneGrids } from './phone-parts';

type Body = Infer<typeof floatingRegisterBody>;

function FloatingForm({ grids }: { grids: PhoneGrid[] }) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const gridId = grids.length === 1 ? String(grids[0]?.id) : '';
  const form = usePhoneForm({ gridId, arrivedOn: todayKey() });
  const [created, setCreated] = useState<ResidentDetail | null>(null);
  const register = useMutation({
    mutationFn: (body: Body) => api.post<ResidentDetail>('/registry/floating', body),
    onSuccess: (r) => {
      updated(r);
      setCreated(r);
    },
    onError: (e) => form.fromApi(e),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = requiredRule(t('validation.required'));
    const rules = { ...personRules(t, true), origin: [required], reason: [required], arrivedOn: [required] };
    if (!form.check(rules)) return;
    const v = form.values;
    const until = v.expectedUntil?.trim();
    register.mutate({
      resident: personBody(v),
      floating: {
        origin: (v.origin ?? '').trim(),
        reason: v.reason as Body['floating']['reason'],
        arrivedOn: (v.arrivedOn ?? '').trim(),
        ...(until ? { expectedUntil: until } : {}),
      },
    });
  };

  if (created) {
    return (
      <Done title={t('registry.m.submitted', { name: created.name })}>
        <Link to={`/m/grid/people/${created.id}`} className="link-button">
          {t('registry.form.openCreated')}
        </Link>
        <PhoneButton
          onClick={() => {
            setCreated(null);
            register.reset();
            form.reset();
          }}
        >
          {t('registry.form.addAnother')}
        </PhoneButton>
      </Done>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('phone.tiles.floating')}>
      <PhoneError error={register.error} />
      <PersonFields form={form} grids={grids} idRequired />
      <TextField form={form} name="origin" label={regLabel(t, 'field', 'origin')} required maxLength={100} />
      <ChoiceField
        form={form}
        name="reason"
        label={t('registry.detail.floatingReason')}
        required
        options={labelOptions(t, 'floatingReason', FLOATING_REASONS)}
      />
      <TextField
        form={form}
        name="arrivedOn"
        label={regLabel(t, 'field', 'arrivedOn')}
        required
        type="date"
        max={todayKey()}
      />
      <TextField form={form} name="expectedUntil" label={regLabel(t, 'field', 'expectedUntil')} type="date" />
      <PhoneButton type="submit" primary busy={register.isPending}>
        {t('registry.m.submit')}
      </PhoneButton>
    </form>
  );
}

/**
 * 流动人口登记: one screen a grid worker fills in on the doorstep. The person and the registration
 * are created together; the grid is preselected when the worker has one.
 */
export function FloatingPage() {
  const { t } = useTranslation();
  const grids = usePhoneGrids();
  return (
    <>
      <BackLink to="/m/grid" />
      <h2 className="phone-title">{t('phone.tiles.floating')}</h2>
      {grids.isLoading ? <PageLoading /> : null}
      <PhoneError error={grids.error} />
      {grids.data && grids.data.length === 0 ? (
        <p className="phone-note warning">{t('phone.noGrid')}</p>
      ) : null}
      {grids.data && grids.data.length > 0 ? <FloatingForm grids={grids.data} /> : null}
    </>
  );
}
