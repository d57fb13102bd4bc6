import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A secret the server shows exactly once (initial password, API token): copy button and a plain warning. */
export function CopyOnce({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <div className="copy-once">
      <Alert type="warning" showIcon title={t('common.shownOnce')} />
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph
        className="secret-value"
        copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
        code
      >
        {value}
      </Typography.Paragraph>
    </div>
  );
}
