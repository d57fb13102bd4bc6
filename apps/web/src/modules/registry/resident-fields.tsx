import { Col, Form, type FormInstance, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromIdNumber, idNumberRule, mobileRule } from './id-checks';
import {
  EDUCATION_LIST,
  EMPLOYMENT_LIST,
  GB11643_DOC_TYPES,
  GENDER_LIST,
  ID_DOC_TYPE_LIST,
  labelOptions,
  MARITAL_LIST,
  POLITICAL_LIST,
  RESIDENCE_TYPE_LIST,
  regLabel,
} from './registry-labels';

/** Everything the create and edit forms share; optional fields are blank or undefined when not given. */
export type ResidentValues = {
  gridId?: number;
  name?: string;
  formerNames?: string[];
  gender?: 'male' | 'female';
  birthDate?: string;
  idDocType?: string;
  idNumber?: string;
  phone?: string;
  ethnicity?: string;
  education?: string;
  politicalStatus?: string;
  maritalStatus?: string;
  employmentStatus?: string;
  hukouAddress?: string;
  actualAddress?: string;
  movedInOn?: string;
  residenceType?: string;
  houseId?: number | null;
  household?: { householdId?: number; relation?: string };
};

/**
 * Fills birth date and gender from a valid GB 11643 number as it is typed (they can still be changed;
 * the API refuses a mismatch field by field). Returns the form's onValuesChange and whether it filled.
 */
export function useIdAutofill(form: FormInstance<ResidentValues>) {
  const [filled, setFilled] = useState(false);
  const onValuesChange = (changed: Partial<ResidentValues>, all: ResidentValues) => {
    if (!('idNumber' in changed) && !('idDocType' in changed)) return;
    const docType = all.idDocType ?? 'resident_id';
    const derived = GB11643_DOC_TYPES.includes(docType) ? fromIdNumber(all.idNumber) : null;
    if (derived) form.setFieldsValue(derived);
    setFilled(!!derived);
  };
  return { filled, onValuesChange };
}

const required = (message: string) => [{ required: true, message }];

/** Name, document, birth date, gender, phone: the fields every registration needs. */
export function IdentityFields({
  form,
  filled,
  editing = false,
}: {
  form: FormInstance<ResidentValues>;
  filled: boolean;
  editing?: boolean;
}) {
  const { t } = useTranslation();
  const docType = Form.useWatch('idDocType', form) ?? 'resident_id';
  const gb = GB11643_DOC_TYPES.includes(docType);
  const req = t('validation.required');
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="name" label={t('registry.field.name')} rules={required(req)}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="formerNames" label={t('registry.field.formerNames')}>
          <Select
            mode="tags"
            open={false}
            maxCount={5}
            placeholder={t('registry.form.formerNamesPlaceholder')}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="idDocType" label={t('registry.field.idDocType')}>
          <Select options={labelOptions(t, 'idDocType', ID_DOC_TYPE_LIST)} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="idNumber"
          label={docType === 'resident_id' ? t('registry.field.idNumber') : t('registry.form.idNumberOther')}
          rules={gb ? [idNumberRule(t)] : []}
          extra={
            filled ? t('registry.form.idAutoFilled') : editing ? t('registry.form.keepBlank') : undefined
          }
          validateDebounce={300}
        >
          <Input className="mono" maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="birthDate"
          label={t('registry.field.birthDate')}
          rules={editing ? [] : required(req)}
        >
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="gender" label={t('registry.field.gender')} rules={editing ? [] : required(req)}>
          <Radio.Group optionType="button" options={labelOptions(t, 'gender', GENDER_LIST)} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="phone"
          label={t('registry.field.phone')}
          rules={[mobileRule(t)]}
          extra={editing ? t('registry.form.keepBlank') : undefined}
        >
          <Input inputMode="tel" maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="residenceType" label={t('registry.field.residenceType')}>
          <Radio.Group optionType="button" options={labelOptions(t, 'residenceType', RESIDENCE_TYPE_LIST)} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Ethnicity, education, status fields and addresses. */
export function MoreFields() {
  const { t } = useTranslation();
  const select = (
    name: keyof ResidentValues,
    group: Parameters<typeof labelOptions>[1],
    list: readonly string[],
  ) => (
    <Col span={12}>
      <Form.Item name={name} label={regLabel(t, 'field', name)}>
        <Select allowClear options={labelOptions(t, group, list)} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="ethnicity" label={t('registry.field.ethnicity')}>
          <Input maxLength={16} />
        </Form.Item>
      </Col>
      {select('education', 'education', EDUCATION_LIST)}
      {select('politicalStatus', 'political', POLITICAL_LIST)}
      {select('maritalStatus', 'marital', MARITAL_LIST)}
      {select('employmentStatus', 'employment', EMPLOYMENT_LIST)}
      <Col span={12}>
        <Form.Item name="movedInOn" label={t('registry.field.movedInOn')}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="hukouAddress" label={t('registry.field.hukouAddress')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="actualAddress" label={t('registry.field.actualAddress')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
