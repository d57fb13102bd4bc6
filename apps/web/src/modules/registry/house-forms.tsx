import { buildingCreateBody, houseCreateBody } from '@linli/contract';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { compact } from '../../components/form-errors';
import { ActionModal } from './action-modal';
import { type Building, type House, useRegistryUpdated } from './registry-api';
import { HOUSE_TENURE_LIST, HOUSE_USE_LIST, houseName, labelOptions } from './registry-labels';

type BuildingValues = { name?: string; address?: string; floors?: number | null; units?: number | null };
type HouseValues = {
  unitNo?: string;
  floor?: number | null;
  roomNo?: string;
  area?: number | null;
  use?: string;
  tenure?: string;
};

export function BuildingCreateModal({
  gridId,
  onClose,
  onCreated,
}: {
  gridId: number;
  onClose: () => void;
  onCreated: (b: Building) => void;
}) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <ActionModal
      title={t('registry.houses.createBuilding')}
      okText={t('common.create')}
      schema={buildingCreateBody}
      toBody={(v: BuildingValues) => ({ gridId, ...compact(v) })}
      submit={(body) => api.post<Building>('/registry/buildings', body)}
      done={(b) => t('registry.houses.buildingCreated', { name: b.name })}
      onDone={(b) => {
        updated();
        onCreated(b);
      }}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('registry.houses.name')} rules={required}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="address" label={t('registry.houses.address')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="floors" label={t('registry.houses.floors')}>
            <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="units" label={t('registry.houses.units')}>
            <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}

export function HouseCreateModal({ building, onClose }: { building: Building; onClose: () => void }) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <ActionModal
      title={t('registry.houses.createHouseIn', { name: building.name })}
      okText={t('common.create')}
      schema={houseCreateBody}
      toBody={(v: HouseValues) => ({ buildingId: building.id, ...compact(v) })}
      submit={(body) => api.post<House>('/registry/houses', body)}
      done={(h) => t('registry.houses.houseCreated', { room: houseName(h) })}
      onDone={() => updated()}
      onClose={onClose}
      initialValues={{ use: 'residence' }}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="unitNo" label={t('registry.houses.unitNo')}>
            <Input maxLength={16} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="floor" label={t('registry.houses.floor')}>
            <InputNumber min={-5} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="roomNo" label={t('registry.houses.roomNo')} rules={required}>
            <Input maxLength={16} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="use" label={t('registry.houses.use')} rules={required}>
            <Select options={labelOptions(t, 'houseUse', HOUSE_USE_LIST)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tenure" label={t('registry.houses.tenure')}>
            <Select allowClear options={labelOptions(t, 'tenure', HOUSE_TENURE_LIST)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="area" label={t('registry.houses.area')}>
            <InputNumber min={0} max={100000} step={0.01} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}
