import {
  COMMUNITY_TYPES,
  DEPARTMENT_TYPES,
  type OrgLevel,
  type OrgNodeView,
  orgNodeCreateBody,
  orgNodeUpdateBody,
} from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { communityTypeLabel, departmentTypeLabel, levelLabel } from '../../components/labels';
import { useRefreshOrg } from './org-queries';

export const NEXT_LEVEL: Record<OrgLevel, OrgLevel | null> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
  department: 'department',
};
const CHILD_LEVELS: OrgLevel[] = ['district', 'street', 'community', 'grid', 'department'];

type Figures = {
  households?: number | null;
  permanentPopulation?: number | null;
  floatingPopulation?: number | null;
};
type NodeValues = {
  level?: OrgLevel;
  code?: string;
  name?: string;
  communityType?: string | null;
  departmentType?: string;
  figures?: Figures;
};

function figuresOf(values: NodeValues) {
  const f = compact(values.figures ?? {});
  return Object.keys(f).length > 0 ? f : undefined;
}

function FigureFields() {
  const { t } = useTranslation();
  return (
    <Space wrap size="middle">
      <Form.Item name={['figures', 'households']} label={t('org.households')}>
        <InputNumber min={0} precision={0} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name={['figures', 'permanentPopulation']} label={t('org.permanentPopulation')}>
        <InputNumber min={0} precision={0} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name={['figures', 'floatingPopulation']} label={t('org.floatingPopulation')}>
        <InputNumber min={0} precision={0} style={{ width: 150 }} />
      </Form.Item>
    </Space>
  );
}

export function CreateChildModal({ parent, onClose }: { parent: OrgNodeView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshOrg();
  const [form] = Form.useForm<NodeValues>();
  const level = Form.useWatch('level', form);
  const create = useMutation({
    mutationFn: (body: Infer<typeof orgNodeCreateBody>) => api.post<OrgNodeView>('/org/nodes', body),
    onSuccess: (node) => {
      message.success(t('org.created', { name: node.name }));
      void refresh();
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  const submit = (values: NodeValues) => {
    const body = validateWith(
      orgNodeCreateBody,
      {
        ...compact({ ...values, figures: undefined }),
        parentId: parent.id,
        figures: figuresOf(values),
        communityType: values.level === 'community' ? values.communityType || undefined : undefined,
        departmentType: values.level === 'department' ? values.departmentType : undefined,
      },
      form,
      t,
    );
    if (body) create.mutate(body);
  };
  return (
    <Modal
      open
      title={t('org.createChildOf', { name: parent.name })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      <ApiErrorAlert error={create.error} className="form-summary" />
      <Form<NodeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ level: NEXT_LEVEL[parent.level] ?? 'department' }}
      >
        <Form.Item
          name="level"
          label={t('org.level')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select options={CHILD_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          extra={t('org.codeHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={32} className="mono" />
        </Form.Item>
        {level === 'community' ? (
          <Form.Item name="communityType" label={t('org.communityType')}>
            <Select
              allowClear
              options={COMMUNITY_TYPES.map((c) => ({ value: c, label: communityTypeLabel(t, c) }))}
            />
          </Form.Item>
        ) : null}
        {level === 'department' ? (
          <Form.Item
            name="departmentType"
            label={t('org.departmentType')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select options={DEPARTMENT_TYPES.map((d) => ({ value: d, label: departmentTypeLabel(t, d) }))} />
          </Form.Item>
        ) : null}
        <FigureFields />
      </Form>
    </Modal>
  );
}

export function EditModal({ node, onClose }: { node: OrgNodeView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshOrg();
  const [form] = Form.useForm<NodeValues>();
  const update = useMutation({
    mutationFn: (body: Infer<typeof orgNodeUpdateBody>) =>
      api.patch<OrgNodeView>(`/org/nodes/${node.id}`, body),
    onSuccess: () => {
      message.success(t('org.saved'));
      void refresh();
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  const submit = (values: NodeValues) => {
    const body = validateWith(
      orgNodeUpdateBody,
      {
        name: values.name?.trim(),
        figures: figuresOf(values),
        ...(node.level === 'community' ? { communityType: values.communityType ?? null } : {}),
      },
      form,
      t,
    );
    if (body) update.mutate(body);
  };
  return (
    <Modal
      open
      title={t('org.editTitle', { name: node.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      width={560}
    >
      <ApiErrorAlert error={update.error} className="form-summary" />
      <Form<NodeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: node.name,
          communityType: node.communityType,
          figures: {
            households: node.households,
            permanentPopulation: node.permanentPopulation,
            floatingPopulation: node.floatingPopulation,
          },
        }}
      >
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        {node.level === 'community' ? (
          <Form.Item name="communityType" label={t('org.communityType')}>
            <Select
              allowClear
              options={COMMUNITY_TYPES.map((c) => ({ value: c, label: communityTypeLabel(t, c) }))}
            />
          </Form.Item>
        ) : null}
        <FigureFields />
      </Form>
    </Modal>
  );
}
