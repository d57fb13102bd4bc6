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
/** Audit action codes are dotted (`account.create`); i18next nests on dots, so the keys use `__`. */
export const auditActionLabel = (t: TFunction, action: string) =>
  (t as unknown as LooseT)(`auditActions.${action.replace(/\./g, '__')}`, { defaultValue: action });
