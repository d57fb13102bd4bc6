import { describe, expect, it } from 'vitest';
import i18n from '../app/i18n';
import { auditActionLabel } from './labels';

describe('audit action labels', () => {
  it('uses an action’s own label, then the engine’s action name, then the code', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(auditActionLabel(i18n.t, 'bills.refund')).toBe('登记退款');
    expect(auditActionLabel(i18n.t, 'case.dispatch')).toBe('事件：派遣');
    expect(auditActionLabel(i18n.t, 'application.request_supplement')).toBe('服务申请：一次性告知补正');
    expect(auditActionLabel(i18n.t, 'case.no_such_action')).toBe('case.no_such_action');
    expect(auditActionLabel(i18n.t, 'something.else')).toBe('something.else');
    await i18n.changeLanguage('en-US');
    expect(auditActionLabel(i18n.t, 'case.photos_swept')).toBe('Unused photos removed');
    expect(auditActionLabel(i18n.t, 'case.dispatch')).toMatch(/^Case: \S/);
  });
});
