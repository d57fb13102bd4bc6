import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth';
import { uploadPhoto } from './case-api';

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_PHOTOS = 9;

/** The ids of the photos that finished uploading. */
export const uploadedIds = (files: UploadFile[] | undefined): number[] =>
  (files ?? []).flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id as number] : []));

export const stillUploading = (files: UploadFile[] | undefined) =>
  (files ?? []).some((f) => f.status === 'uploading');

/**
 * Photos for an action, uploaded one by one as they are chosen (POST /api/cases/photos, raw body);
 * the form sends only their ids. Use inside a Form.Item with valuePropName="fileList".
 */
export function PhotoUpload({
  id,
  fileList,
  onChange,
}: {
  id?: string;
  fileList?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Upload
      id={id}
      listType="picture-card"
      accept={PHOTO_ACCEPT}
      multiple
      maxCount={MAX_PHOTOS}
      fileList={fileList}
      onChange={({ fileList: next }) => onChange?.(next)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadPhoto(file as File, me.csrfToken)
          .then((res) => onSuccess?.(res))
          .catch((e: Error) => onError?.(e));
      }}
    >
      {(fileList?.length ?? 0) >= MAX_PHOTOS ? null : (
        <button type="button" className="case-upload-button">
          <PlusOutlined aria-hidden />
          <span>{t('casesDesk.photo.add')}</span>
        </button>
      )}
    </Upload>
  );
}
