import type { TFunction } from 'i18next';

type LooseT = (key: string, options?: { defaultValue?: string }) => string;

/** Translates a key built at run time (a role, level or permission name from the API); falls back to the raw value. */
export function dynamicLabel(t: TFunction, group: string, value: string): string {
  return (t as unknown as LooseT)(`${group}.${value}`, { defaultValue: value });
}

export const roleLabel = (t: TFunction, role: string) => dynamicLabel(t, 'roleNames', role);
export const levelLabel = (t: TFunction, level: string) => dynamicLabel(t, 'levels', level);
export const permissionLabel = (t: TFunction, p: string) => dynamicLabel(t, 'permissions', p);
export const communityTypeLabel = (t: TFunction, c: string) => dynamicLabel(t, 'communityTypes', c);
export const departmentTypeLabel = (t: TFunction, d: string) => dynamicLabel(t, 'departmentTypes', d);
/**
 * Audit action codes are dotted (`account.create`); i18next nests on dots, so the keys use `__`. The
 * case engine and the application loop audit each of their actions as `case.<action>` and
 * `application.<action>`: without a label of their own these read as "事件：派遣", from the action names
 * their screens already use. Anything else unknown shows its code.
 */
export function auditActionLabel(t: TFunction, action: string): string {
  const loose = t as unknown as LooseT;
  const own = loose(`auditActions.${action.replace(/\./g, '__')}`, { defaultValue: '' });
  if (own) return own;
  const [scope, name] = action.split('.', 2);
  const engine = scope === 'case' ? 'cases' : scope === 'application' ? 'services' : null;
  if (engine && name) {
    const label = loose(`${engine}.action.${name}`, { defaultValue: '' });
    if (label) return `${loose(`auditActions.${scope}_prefix`)}${label}`;
  }
  return action;
}
