import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../app/i18n';

export function LanguageSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('common.language')}
      value={i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}
      onChange={(v) => setLanguage(v)}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en-US' },
      ]}
    />
  );
}
