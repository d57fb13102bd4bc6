import { residentUpdateBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { App, Checkbox, Divider, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { applyApiError, validateWith } from '../../components/form-errors';
import { RegistrationError } from './duplicate-notice';
import { HousePicker } from './place-pickers';
import { type ResidentDetail, residentPath, useRegistryUpdated } from './registry-api';
import { IdentityFields, MoreFields, type ResidentValues, useIdAutofill } from './resident-fields';

const TEXT_FIELDS = ['name', 'ethnicity', 'hukouAddress', 'actualAddress'] as const;
const CODE_FIELDS = [
  'gender',
  'birthDate',
  'idDocType',
  'education',
  'politicalStatus',
  'maritalStatus',
  'employmentStatus',
  'residenceType',
] as const;

function initialOf(r: ResidentDetail): ResidentValues {
  return {
    name: r.name,
    formerNames: r.formerNames,
    gender: r.gender,
    birthDate: r.birthDate,
    idDocType: r.idDocType,
    ethnicity: r.ethnicity ?? undefined,
    education: r.education ?? undefined,
    politicalStatus: r.politicalStatus ?? undefined,
    maritalStatus: r.maritalStatus ?? undefined,
    employmentStatus: r.employmentStatus ?? undefined,
    hukouAddress: r.hukouAddress ?? undefined,
    actualAddress: r.actualAddress ?? undefined,
    movedInOn: r.movedInOn ?? undefined,
    residenceType: r.residenceType,
    houseId: r.houseId,
  };
}

/**
 * Only what changed is sent. ID number and phone arrive masked, so they start blank and are sent
 * only when typed (or, for the phone, when removal is asked for).
 */
function changes(before: ResidentValues, v: ResidentValues, clearPhone: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) {
    const next = (v[k] ?? '').trim();
    if (next !== (before[k] ?? '')) out[k] = next;
  }
  for (const k of CODE_FIELDS) if (v[k] && v[k] !== before[k]) out[k] = v[k];
  if (v.movedInOn && v.movedInOn !== before.movedInOn) out.movedInOn = v.movedInOn;
  const names = v.formerNames ?? [];
  if (names.join('\n') !== (before.formerNames ?? []).join('\n')) out.formerNames = names;
  if (v.idNumber?.trim()) out.idNumber = v.idNumber.trim();
  if (clearPhone) out.phone = null;
  else if (v.phone?.trim()) out.phone = v.phone.trim();
  if ((v.houseId ?? null) !== (before.houseId ?? null)) out.houseId = v.houseId ?? null;
  return out;
}

export function ResidentEditModal({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useRegistryUpdated();
  const [form] = Form.useForm<ResidentValues>();
  const { filled, onValuesChange } = useIdAutofill(form);
  const [clearPhone, setClearPhone] = useState(false);
  const before = initialOf(resident);
  const save = useMutation({
    mutationFn: (body: Infer<typeof residentUpdateBody>) =>
      api.patch<ResidentDetail>(`/registry/residents/${resident.id}`, body),
    onSuccess: (r) => {
      updated(r);
      message.success(t('registry.form.saved'));
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  const submit = (v: ResidentValues) => {
    const diff = changes(before, v, clearPhone);
    if (Object.keys(diff).length === 0) return onClose();
    const body = validateWith(residentUpdateBody, diff, form, t);
    if (body) save.mutate(body);
  };
  return (
    <Modal
      open
      title={t('registry.form.editTitle', { name: resident.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={760}
    >
      <RegistrationError error={save.error} recordPath={residentPath} />
      <Form<ResidentValues>
        form={form}
        layout="vertical"
        initialValues={before}
        onValuesChange={onValuesChange}
        onFinish={submit}
        scrollToFirstError
      >
        <IdentityFields form={form} filled={filled} editing />
        {resident.phone ? (
          <Checkbox checked={clearPhone} onChange={(e) => setClearPhone(e.target.checked)}>
            {t('registry.form.clearPhone')}
          </Checkbox>
        ) : null}
        <Form.Item name="houseId" label={t('registry.field.houseId')} style={{ marginTop: 16 }}>
          <HousePicker gridId={resident.gridId} />
        </Form.Item>
        <Divider titlePlacement="start">{t('registry.form.sectionMore')}</Divider>
        <MoreFields />
      </Form>
    </Modal>
  );
}
