import { deathBody, moveBody, moveOutBody, tagAddBody } from '@linli/contract';
import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { compact } from '../../components/form-errors';
import { ActionModal, today } from './action-modal';
import { GridSelect } from './grid-select';
import { type ResidentDetail, useRegistryUpdated } from './registry-api';
import { ResidentEditModal } from './resident-edit-modal';
import { useTagOptions } from './resident-filters';
import { HouseholdModal } from './resident-household-modal';

type Open = 'edit' | 'tag' | 'move' | 'moveOut' | 'death' | 'household' | null;
const req = (message: string) => [{ required: true, message }];

export function TagModal({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const present = new Set(resident.tagRecords.map((r) => r.tag));
  const groups = useTagOptions(t).recorded.map((g) => ({
    ...g,
    options: g.options.map((o) => ({ ...o, disabled: present.has(o.value) })),
  }));
  return (
    <ActionModal
      title={t('registry.actions.tagTitle', { name: resident.name })}
      okText={t('registry.actions.addTag')}
      schema={tagAddBody}
      toBody={(v: Record<string, string | undefined>) => compact(v)}
      submit={(body) => api.post<ResidentDetail>(`/registry/residents/${resident.id}/tags`, body)}
      done={t('registry.actions.tagAdded')}
      onDone={updated}
      onClose={onClose}
      initialValues={{ startsOn: today() }}
    >
      <Form.Item name="tag" label={t('registry.field.tag')} rules={req(t('validation.required'))}>
        <Select options={groups} />
      </Form.Item>
      <Form.Item
        name="detail"
        label={t('registry.detail.tagDetail')}
        extra={t('registry.actions.detailHint')}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="source"
        label={t('registry.detail.tagSource')}
        extra={t('registry.actions.sourceHint')}
        rules={req(t('validation.required'))}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="startsOn" label={t('registry.detail.tagStarts')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="endsOn" label={t('registry.detail.tagEnds')}>
        <Input type="date" />
      </Form.Item>
    </ActionModal>
  );
}

function LifeEventModal({
  resident,
  kind,
  onClose,
}: {
  resident: ResidentDetail;
  kind: 'move' | 'moveOut' | 'death';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const name = resident.name;
  const base = `/registry/residents/${resident.id}`;
  const required = req(t('validation.required'));
  if (kind === 'move') {
    return (
      <ActionModal
        title={t('registry.actions.moveTitle', { name })}
        okText={t('registry.actions.moveOk')}
        schema={moveBody}
        toBody={(v: { gridId?: number; movedOn?: string; reason?: string }) => compact(v)}
        submit={(body) => api.post<ResidentDetail>(`${base}/move`, body)}
        done={t('registry.actions.moved')}
        onDone={updated}
        onClose={onClose}
        initialValues={{ movedOn: today() }}
      >
        <Form.Item name="gridId" label={t('registry.actions.targetGrid')} rules={required}>
          <GridSelect excludeId={resident.gridId} />
        </Form.Item>
        <Form.Item name="movedOn" label={t('registry.actions.movedOn')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('registry.actions.reason')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </ActionModal>
    );
  }
  if (kind === 'moveOut') {
    return (
      <ActionModal
        title={t('registry.actions.moveOutTitle', { name })}
        okText={t('registry.actions.moveOutOk')}
        danger
        warning={t('registry.actions.moveOutWhat', { name })}
        schema={moveOutBody}
        toBody={(v: { movedOn?: string; destination?: string }) => compact(v)}
        submit={(body) => api.post<ResidentDetail>(`${base}/move-out`, body)}
        done={t('registry.actions.movedOut')}
        onDone={updated}
        onClose={onClose}
        initialValues={{ movedOn: today() }}
      >
        <Form.Item name="movedOn" label={t('registry.actions.moveOutOn')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="destination" label={t('registry.actions.destination')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </ActionModal>
    );
  }
  return (
    <ActionModal
      title={t('registry.actions.deathTitle', { name })}
      okText={t('registry.actions.deathOk')}
      danger
      warning={t('registry.actions.deathWhat', { name })}
      schema={deathBody}
      toBody={(v: { diedOn?: string; note?: string }) => compact(v)}
      submit={(body) => api.post<ResidentDetail>(`${base}/death`, body)}
      done={t('registry.actions.deathDone')}
      onDone={updated}
      onClose={onClose}
    >
      <Form.Item name="diedOn" label={t('registry.actions.diedOn')} rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="note" label={t('registry.actions.note')}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </ActionModal>
  );
}

/** The header actions of a resident: only with `registry.write`, and only while the person is in the register. */
export function ResidentActions({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<Open>(null);
  if (!can('registry.write') || resident.status !== 'active') return null;
  const close = () => setOpen(null);
  return (
    <>
      <Button type="primary" onClick={() => setOpen('edit')}>
        {t('registry.actions.edit')}
      </Button>
      <Button onClick={() => setOpen('tag')}>{t('registry.actions.addTag')}</Button>
      <Button onClick={() => setOpen('household')}>{t('registry.actions.changeHousehold')}</Button>
      <Button onClick={() => setOpen('move')}>{t('registry.actions.move')}</Button>
      <Button danger onClick={() => setOpen('moveOut')}>
        {t('registry.actions.moveOut')}
      </Button>
      <Button danger onClick={() => setOpen('death')}>
        {t('registry.actions.death')}
      </Button>
      {open === 'edit' ? <ResidentEditModal resident={resident} onClose={close} /> : null}
      {open === 'tag' ? <TagModal resident={resident} onClose={close} /> : null}
      {open === 'household' ? <HouseholdModal resident={resident} onClose={close} /> : null}
      {open === 'move' || open === 'moveOut' || open === 'death' ? (
        <LifeEventModal resident={resident} kind={open} onClose={close} />
      ) : null}
    </>
  );
}
