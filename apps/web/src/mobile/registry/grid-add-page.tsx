import type { ResidentCreateBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { PageLoading } from '../../components/page-loading';
import { type ResidentDetail, useRegistryUpdated } from '../../modules/registry/registry-api';
import { regLabel } from '../../modules/registry/registry-labels';
import { PersonFields, personBody, personRules } from './person-fields';
import { Done, PhoneButton, TextField, usePhoneForm } from './phone-form';
import { BackLink, PhoneError, type PhoneGrid, usePhoneGrids } from './phone-parts';

function AddForm({ grids }: { grids: PhoneGrid[] }) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const gridId = grids.length === 1 ? String(grids[0]?.id) : '';
  const form = usePhoneForm({ gridId });
  const [created, setCreated] = useState<ResidentDetail | null>(null);
  const create = useMutation({
    mutationFn: (body: ResidentCreateBody) => api.post<ResidentDetail>('/registry/residents', body),
    onSuccess: (r) => {
      updated(r);
      setCreated(r);
    },
    onError: (e) => form.fromApi(e),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.check(personRules(t, false))) return;
    const address = form.values.actualAddress?.trim();
    create.mutate({
      ...personBody(form.values),
      ...(address ? { actualAddress: address } : {}),
      residenceType: 'registered',
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
            create.reset();
            form.reset({ actualAddress: form.values.actualAddress ?? '' });
          }}
        >
          {t('registry.form.addAnother')}
        </PhoneButton>
      </Done>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('phone.tiles.addResident')}>
      <PhoneError error={create.error} />
      <PersonFields form={form} grids={grids} />
      <TextField form={form} name="actualAddress" label={regLabel(t, 'field', 'actualAddress')} />
      <PhoneButton type="submit" primary busy={create.isPending}>
        {t('registry.m.submit')}
      </PhoneButton>
    </form>
  );
}

/** 登记居民 on the phone: the few fields needed now; the rest can be completed at the desk. */
export function GridAddPage() {
  const { t } = useTranslation();
  const grids = usePhoneGrids();
  return (
    <>
      <BackLink to="/m/grid" />
      <h2 className="phone-title">{t('phone.tiles.addResident')}</h2>
      {grids.isLoading ? <PageLoading /> : null}
      <PhoneError error={grids.error} />
      {grids.data && grids.data.length === 0 ? (
        <p className="phone-note warning">{t('phone.noGrid')}</p>
      ) : null}
      {grids.data && grids.data.length > 0 ? <AddForm grids={grids.data} /> : null}
    </>
  );
}
