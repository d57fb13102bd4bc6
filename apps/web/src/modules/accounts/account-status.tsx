import type { AccountView } from '@linli/contract';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isFuture } from '../../app/format';
import { StatusTag } from '../../components/status-tag';

export function AccountStatus({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {account.status === 'active' ? (
        <StatusTag tone="open">{t('accounts.statusActive')}</StatusTag>
      ) : (
        <StatusTag tone="refused">{t('accounts.statusDisabled')}</StatusTag>
      )}
      {isFuture(account.lockedUntil) ? <StatusTag tone="overdue">{t('accounts.locked')}</StatusTag> : null}
      {account.mustChangePassword ? (
        <StatusTag tone="waiting">{t('accounts.mustChangePassword')}</StatusTag>
      ) : null}
    </Space>
  );
}
