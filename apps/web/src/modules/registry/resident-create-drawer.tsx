import { residentCreateBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Button, Col, Divider, Drawer, Form, Result, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type Infer } from '../../app/api';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { RegistrationError } from './duplicate-notice';
import { GridSelect } from './grid-select';
import { HouseholdPicker, HousePicker } from './place-pickers';
import { type ResidentDetail, residentPath, useRegistryUpdated } from './registry-api';
import { labelOptions, RELATION_LIST } from './registry-labels';
import { IdentityFields, MoreFields, type ResidentValues, useIdAutofill } from './resident-fields';
import './registry.css';

/** The optional-field part of a create or update body, taken from the form values. */
export function optionalFields(v: ResidentValues) {
  return compact({
    ethnicity: v.ethnicity,
    education: v.education,
    politicalStatus: v.politicalStatus,
    maritalStatus: v.maritalStatus,
    employmentStatus: v.employmentStatus,
    hukouAddress: v.hukouAddress,
    actualAddress: v.actualAddress,
    movedInOn: v.movedInOn,
  });
}

export function ResidentCreateDrawer({
  open,
  onClose,
  defaultGridId,
}: {
  open: boolean;
  onClose: () => void;
  defaultGridId?: number;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const updated = useRegistryUpdated();
  const [form] = Form.useForm<ResidentValues>();
  const { filled, onValuesChange } = useIdAutofill(form);
  const gridId = Form.useWatch('gridId', form);
  const householdId = Form.useWatch(['household', 'householdId'], form);
  const [created, setCreated] = useState<ResidentDetail | null>(null);

  const create = useMutation({
    mutationFn: (body: Infer<typeof residentCreateBody>) =>
      api.post<ResidentDetail>('/registry/residents', body),
    onSuccess: (r) => {
      updated(r);
      setCreated(r);
    },
    onError: (e) => applyApiError(form, e),
  });

  const close = () => {
    setCreated(null);
    create.reset();
    form.resetFields();
    onClose();
  };

  const again = () => {
    setCreated(null);
    create.reset();
    form.resetFields(['name', 'formerNames', 'idNumber', 'birthDate', 'gender', 'phone', 'household']);
  };

  const submit = (v: ResidentValues) => {
    const body = validateWith(
      residentCreateBody,
      {
        ...compact({
          gridId: v.gridId,
          name: v.name,
          gender: v.gender,
          birthDate: v.birthDate,
          idDocType: v.idDocType,
          idNumber: v.idNumber,
          phone: v.phone,
          residenceType: v.residenceType,
          houseId: v.houseId ?? undefined,
        }),
        ...optionalFields(v),
        formerNames: v.formerNames?.length ? v.formerNames : undefined,
        household: v.household?.householdId ? v.household : undefined,
      },
      form,
      t,
    );
    if (body) create.mutate(body);
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('registry.form.createTitle')}
      size={720}
      destroyOnHidden
      footer={
        created ? null : (
          <Space>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('registry.m.submit')}
            </Button>
            <Button onClick={close}>{t('common.cancel')}</Button>
          </Space>
        )
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('registry.form.created', { name: created.name })}
          extra={
            <Space>
              <Button
                type="primary"
                onClick={() => {
                  close();
                  navigate(residentPath(created.id));
                }}
              >
                {t('registry.form.openCreated')}
              </Button>
              <Button onClick={again}>{t('registry.form.addAnother')}</Button>
            </Space>
          }
        />
      ) : (
        <>
          <RegistrationError error={create.error} recordPath={residentPath} />
          <Form<ResidentValues>
            form={form}
            layout="vertical"
            initialValues={{ idDocType: 'resident_id', residenceType: 'registered', gridId: defaultGridId }}
            onValuesChange={onValuesChange}
            onFinish={submit}
            disabled={create.isPending}
            scrollToFirstError
          >
            <Form.Item
              name="gridId"
              label={t('registry.field.gridId')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <GridSelect />
            </Form.Item>
            <Divider titlePlacement="start">{t('registry.form.sectionBasic')}</Divider>
            <IdentityFields form={form} filled={filled} />
            <Divider titlePlacement="start">{t('registry.form.sectionPlace')}</Divider>
            <Row gutter={16}>
              <Col span={24}>
                <Form.Item name="houseId" label={t('registry.field.houseId')}>
                  <HousePicker gridId={gridId} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name={['household', 'householdId']} label={t('registry.form.householdPick')}>
                  <HouseholdPicker gridId={gridId} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item
                  name={['household', 'relation']}
                  label={t('registry.field.relation')}
                  rules={householdId ? [{ required: true, message: t('validation.required') }] : []}
                >
                  <Select allowClear options={labelOptions(t, 'relation', RELATION_LIST)} />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start">{t('registry.form.sectionMore')}</Divider>
            <MoreFields />
          </Form>
        </>
      )}
    </Drawer>
  );
}
