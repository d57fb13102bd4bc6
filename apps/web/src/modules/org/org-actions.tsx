import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type OrgNodeView, type orgNodeMoveBody, orgNodeRetireBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { CreateChildModal, EditModal, NEXT_LEVEL } from './org-node-dialogs';
import { useRefreshOrg } from './org-queries';

function MoveModal({ node, onClose }: { node: OrgNodeView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshOrg();
  const [target, setTarget] = useState<{ id: number; name: string } | null>(null);
  const move = useMutation({
    mutationFn: (body: Infer<typeof orgNodeMoveBody>) => api.post(`/org/nodes/${node.id}/move`, body),
    onSuccess: () => {
      message.success(t('org.moved', { name: node.name }));
      void refresh();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('org.moveTitle', { name: node.name })}
      okText={target ? t('org.moveOk', { name: node.name, target: target.name }) : t('org.move')}
      okButtonProps={{ disabled: !target }}
      cancelText={t('common.cancel')}
      onOk={() => target && move.mutate({ parentId: target.id })}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <ApiErrorAlert error={move.error} className="form-summary" />
      <Form layout="vertical">
        <Form.Item label={t('org.newParent')} htmlFor="move-target">
          <OrgTreeSelect
            id="move-target"
            excludeId={node.id}
            value={target?.id}
            onChange={(id, name) => setTarget(id ? { id, name: name ?? String(id) } : null)}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      {target ? (
        <Alert type="info" showIcon title={t('org.moveWhat', { name: node.name, target: target.name })} />
      ) : null}
    </Modal>
  );
}

function RetireModal({ node, onClose }: { node: OrgNodeView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshOrg();
  const [form] = Form.useForm<{ reason?: string }>();
  const retire = useMutation({
    mutationFn: (body: Infer<typeof orgNodeRetireBody>) => api.post(`/org/nodes/${node.id}/retire`, body),
    onSuccess: () => {
      message.success(t('org.retiredDone', { name: node.name }));
      void refresh();
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  const submit = (values: { reason?: string }) => {
    const body = validateWith(orgNodeRetireBody, { reason: values.reason ?? '' }, form, t);
    if (body) retire.mutate(body);
  };
  return (
    <Modal
      open
      title={t('org.retireTitle', { name: node.name })}
      okText={t('org.retireOk', { name: node.name })}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={retire.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('org.retireWhat', { name: node.name })}
      />
      <ApiErrorAlert error={retire.error} className="form-summary" />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('org.retireReason')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = 'create' | 'edit' | 'move' | 'retire' | null;

/** The changes an org.manage holder may make to a live node; each opens one dialog. */
export function OrgNodeActions({ node }: { node: OrgNodeView }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (node.validTo) return null;
  const close = () => setDialog(null);
  return (
    <>
      {NEXT_LEVEL[node.level] ? (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('create')}>
          {t('org.createChild')}
        </Button>
      ) : null}
      <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
        {t('org.edit')}
      </Button>
      {node.parentId ? (
        <Button icon={<DragOutlined aria-hidden />} onClick={() => setDialog('move')}>
          {t('org.move')}
        </Button>
      ) : null}
      {node.parentId ? (
        <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('retire')}>
          {t('org.retire')}
        </Button>
      ) : null}
      {dialog === 'create' ? <CreateChildModal parent={node} onClose={close} /> : null}
      {dialog === 'edit' ? <EditModal node={node} onClose={close} /> : null}
      {dialog === 'move' ? <MoveModal node={node} onClose={close} /> : null}
      {dialog === 'retire' ? <RetireModal node={node} onClose={close} /> : null}
    </>
  );
}
