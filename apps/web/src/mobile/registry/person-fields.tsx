import type { ResidentCreateBody } from '@linli/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  fromIdNumber,
  parseMobile,
  parseResidentIdNumber,
  reasonMessage,
} from '../../modules/registry/id-checks';
import { GENDER_LIST, labelOptions, regLabel } from '../../modules/registry/registry-labels';
import { ChoiceField, type PhoneForm, type Rule, requiredRule, TextField, type Values } from './phone-form';
import type { PhoneGrid } from './phone-parts';

/** The rules for the person fields, the same checks the desk form and the API apply. */
export function personRules(t: TFunction, idRequired: boolean): Record<string, Rule[]> {
  const required = requiredRule(t('validation.required'));
  const idNumber: Rule = (v) => {
    if (!v) return null;
    const parsed = parseResidentIdNumber(v);
    return parsed.ok ? null : reasonMessage(t, parsed.reason);
  };
  return {
    gridId: [required],
    name: [required],
    idNumber: idRequired ? [required, idNumber] : [idNumber],
    birthDate: [required],
    gender: [required],
    phone: [(v) => (!v || parseMobile(v).ok ? null : t('validation.mobileFormat'))],
  };
}

export type PersonBody = Pick<
  ResidentCreateBody,
  'gridId' | 'name' | 'gender' | 'birthDate' | 'idDocType' | 'idNumber' | 'phone'
>;

/** The person part of a phone registration, ready for the API (checked by `personRules` first). */
export function personBody(v: Values): PersonBody {
  const s = (k: string) => (v[k] ?? '').trim();
  return {
    gridId: Number(v.gridId),
    name: s('name'),
    gender: s('gender') === 'female' ? 'female' : 'male',
    birthDate: s('birthDate'),
    idDocType: 'resident_id',
    ...(s('idNumber') ? { idNumber: s('idNumber') } : {}),
    ...(s('phone') ? { phone: s('phone') } : {}),
  };
}

/**
 * The few fields a phone registration needs. Birth date and gender are read from a valid ID number
 * (shown as one line) and asked for only when there is no valid number to read them from.
 */
export function PersonFields({
  form,
  grids,
  idRequired,
}: {
  form: PhoneForm;
  grids: PhoneGrid[];
  idRequired?: boolean;
}) {
  const { t } = useTranslation();
  const derived = fromIdNumber(form.values.idNumber);
  const only = grids.length === 1 ? grids[0] : undefined;
  return (
    <>
      {only ? (
        <p className="phone-note">
          {t('registry.labelValue', { label: regLabel(t, 'field', 'gridId'), value: only.name })}
        </p>
      ) : (
        <ChoiceField
          form={form}
          name="gridId"
          label={regLabel(t, 'field', 'gridId')}
          required
          options={grids.map((g) => ({ value: String(g.id), label: g.name }))}
        />
      )}
      <TextField form={form} name="name" label={regLabel(t, 'field', 'name')} required maxLength={32} />
      <TextField
        form={form}
        name="idNumber"
        label={regLabel(t, 'field', 'idNumber')}
        required={idRequired}
        mono
        maxLength={32}
        hint={
          derived
            ? t('registry.m.autoFromId', {
                birthDate: derived.birthDate,
                gender: regLabel(t, 'gender', derived.gender),
              })
            : undefined
        }
        onValue={(value) => {
          const d = fromIdNumber(value);
          if (d) {
            form.set('birthDate', d.birthDate);
            form.set('gender', d.gender);
          }
        }}
      />
      {derived ? null : (
        <>
          <TextField
            form={form}
            name="birthDate"
            label={regLabel(t, 'field', 'birthDate')}
            required
            type="date"
          />
          <ChoiceField
            form={form}
            name="gender"
            label={regLabel(t, 'field', 'gender')}
            required
            options={labelOptions(t, 'gender', GENDER_LIST)}
          />
        </>
      )}
      <TextField
        form={form}
        name="phone"
        label={regLabel(t, 'field', 'phone')}
        type="tel"
        inputMode="tel"
        maxLength={32}
      />
    </>
  );
}
