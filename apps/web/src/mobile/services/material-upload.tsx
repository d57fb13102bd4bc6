import { App, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';

/** One material on the phone: supplied by the registry, or a file input that uploads as soon as a file is picked. */
export function MaterialUpload({
  name,
  fromRegistry,
  count,
  upload,
}: {
  name: string;
  fromRegistry: boolean;
  count: number;
  upload: (file: File) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div className="sv-material">
      {name}{' '}
      {fromRegistry ? (
        <Tag color="green">{t('services.catalogue.fromRegistry')}</Tag>
      ) : count > 0 ? (
        <Tag color="blue">{t('services.apply.uploaded', { n: count })}</Tag>
      ) : null}
      {fromRegistry ? null : (
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          aria-label={`${t('services.apply.upload')} ${name}`}
          disabled={busy}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setBusy(true);
            try {
              await upload(file);
            } catch (err) {
              message.error(isApiError(err) ? err.message : String(err));
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
    </div>
  );
}
