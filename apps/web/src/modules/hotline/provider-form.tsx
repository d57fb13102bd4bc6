import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAction } from '../../app/use-action';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError } from '../../components/form-errors';
import { categoryName } from './demand-parts';
import { hotlineKeys, SERVICE_CATEGORY_CODES, WALK_RADIUS_M } from './hotline-api';

const TYPES = ['community_agency', 'social_enterprise', 'merchant'] as const;

type ProviderForm = {
  name: string;
  type: (typeof TYPES)[number];
  categories: string[];
  address: string;
  lat: number;
  lng: number;
  serviceRadiusM: number;
  hours: string;
  prices?: string;
  phone: string;
  accountId?: number;
};

/** 新增服务商: the provider's record; it starts as 待审核 and is matched once approved. */
export function NewProviderModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ProviderForm>();
  const { busy, error, run } = useAction();
  const submit = (v: ProviderForm) =>
    run(
      () => api.post('/hotline/providers', { ...v, prices: v.prices ?? '', accountId: v.accountId ?? null }),
      async () => {
        message.success(t('hotline.providers.created'));
        await client.invalidateQueries({ queryKey: hotlineKeys.all });
        onClose();
      },
      (e) => applyApiError(form, e),
    );
  return (
    <Modal
      open
      width={640}
      title={t('hotline.providers.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common.cancel')}
    >
      <ApiErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'merchant', serviceRadiusM: WALK_RADIUS_M }}
      >
        <Form.Item name="name" label={t('hotline.providers.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label={t('hotline.providers.type')} rules={[{ required: true }]}>
          <Select options={TYPES.map((v) => ({ value: v, label: t(`hotline.providerType.${v}`) }))} />
        </Form.Item>
        <Form.Item name="categories" label={t('hotline.providers.categories')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={SERVICE_CATEGORY_CODES.map((c) => ({ value: c, label: categoryName(t, c) }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('hotline.demand.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="lat" label={t('hotline.demand.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t('hotline.demand.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="serviceRadiusM" label={t('hotline.providers.radius')} rules={[{ required: true }]}>
            <InputNumber min={100} max={20000} step={100} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="hours" label={t('hotline.match.hours')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="prices" label={t('hotline.match.prices')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="phone" label={t('hotline.match.phone')} rules={[{ required: true }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="accountId" label={t('hotline.providers.accountId')}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}
