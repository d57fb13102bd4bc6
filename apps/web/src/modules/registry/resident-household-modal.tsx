import { householdChangeBody, householdCreateBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { HouseholdPicker } from './place-pickers';
import { type Household, type ResidentDetail, useRegistryUpdated } from './registry-api';
import { HOUSEHOLD_TYPE_LIST, labelOptions, RELATION_LIST } from './registry-labels';

type Mode = 'join' | 'new' | 'leave';
type Values = {
  mode: Mode;
  householdId?: number;
  relation?: string;
  type?: string;
  householdNo?: string;
  address?: string;
};
type Change = Infer<typeof householdChangeBody>;

/**
 * Join another household (found through one of its members), start a new one with this person as
 * head, or leave the current one.
 */
export function HouseholdModal({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useRegistryUpdated();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? (resident.householdId ? 'join' : 'new');
  const name = resident.name;
  const base = `/registry/residents/${resident.id}/household`;

  const run = useMutation({
    mutationFn: async (v: Values): Promise<ResidentDetail | null> => {
      let change: Change | null;
      if (mode === 'new') {
        const body = validateWith(
          householdCreateBody,
          compact({
            gridId: resident.gridId,
            type: v.type,
            householdNo: v.householdNo,
            address: v.address ?? resident.actualAddress ?? undefined,
            houseId: resident.houseId ?? undefined,
          }),
          form,
          t,
        );
        if (!body) return null;
        const household = await api.post<Household>('/registry/households', body);
        change = { householdId: household.id, relation: 'head' };
      } else {
        change = validateWith(
          householdChangeBody,
          mode === 'leave'
            ? { householdId: null }
            : compact({ householdId: v.householdId, relation: v.relation }),
          form,
          t,
        );
      }
      return change ? api.post<ResidentDetail>(base, change) : null;
    },
    onSuccess: (r) => {
      if (!r) return;
      updated(r);
      message.success(t('registry.actions.householdChanged'));
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });

  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('registry.actions.householdTitle', { name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
      width={560}
    >
      <ApiErrorAlert error={run.error} className="form-summary" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode, type: 'living', relation: undefined }}
        onFinish={(v) => run.mutate(v)}
      >
        <Form.Item name="mode" label={t('registry.actions.householdMode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'join', label: t('registry.actions.modeJoin') },
              { value: 'new', label: t('registry.actions.modeNew') },
              ...(resident.householdId ? [{ value: 'leave', label: t('registry.actions.modeLeave') }] : []),
            ]}
          />
        </Form.Item>
        {mode === 'join' ? (
          <>
            <Form.Item name="householdId" label={t('registry.actions.joinWho')} rules={required}>
              <HouseholdPicker gridId={resident.gridId} excludeResidentId={resident.id} />
            </Form.Item>
            <Form.Item name="relation" label={t('registry.field.relation')} rules={required}>
              <Select
                options={labelOptions(
                  t,
                  'relation',
                  RELATION_LIST.filter((r) => r !== 'head'),
                )}
              />
            </Form.Item>
          </>
        ) : null}
        {mode === 'new' ? (
          <>
            <Alert
              className="form-summary"
              type="info"
              showIcon
              title={t('registry.actions.newHint', { name })}
            />
            <Form.Item name="type" label={t('registry.actions.newType')} rules={required}>
              <Radio.Group options={labelOptions(t, 'householdType', HOUSEHOLD_TYPE_LIST)} />
            </Form.Item>
            <Form.Item name="householdNo" label={t('registry.actions.newNo')}>
              <Input maxLength={32} />
            </Form.Item>
            <Form.Item name="address" label={t('registry.actions.newAddress')}>
              <Input maxLength={200} placeholder={resident.actualAddress ?? undefined} />
            </Form.Item>
          </>
        ) : null}
        {mode === 'leave' ? (
          <Alert type="warning" showIcon title={t('registry.actions.leaveWhat', { name })} />
        ) : null}
      </Form>
    </Modal>
  );
}
