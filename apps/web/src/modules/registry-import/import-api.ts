import type { ImportColumn, ImportField, ImportKind, importView } from '@linli/contract';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type Infer } from '../../app/api';
import i18n from '../../app/i18n';

/* Types and calls for /api/registry/imports. Type-only contract imports keep zod out of the bundle. */
export type ImportView = Infer<typeof importView>;
export type { ImportColumn, ImportKind };

export const IMPORT_KIND_LIST: ImportKind[] = ['residents', 'households', 'houses'];

/** The fields of each kind, in the order the mapping menu offers them (the contract's lists). */
export const FIELDS_BY_KIND: Record<ImportKind, ImportField[]> = {
  residents: [
    'name',
    'gender',
    'birthDate',
    'idDocType',
    'idNumber',
    'phone',
    'ethnicity',
    'education',
    'politicalStatus',
    'maritalStatus',
    'employmentStatus',
    'hukouAddress',
    'actualAddress',
    'movedInOn',
    'residenceType',
    'grid',
    'householdNo',
    'relation',
    'house',
  ],
  households: ['grid', 'householdNo', 'householdType', 'headIdNumber', 'address', 'house'],
  houses: ['grid', 'building', 'buildingAddress', 'unitNo', 'floor', 'roomNo', 'area', 'use', 'tenure'],
};

/**
 * A template per kind: the header row the server recognises (each field's first Chinese name). Only
 * headers: an example row left in by mistake would be imported as a real person or house.
 */
export const TEMPLATES: Record<ImportKind, string[]> = {
  residents: ['姓名', '性别', '出生日期', '身份证号', '手机号', '民族', '网格', '户号', '与户主关系', '房屋'],
  households: ['网格', '户号', '户类型', '户主身份证号', '地址', '房屋'],
  houses: ['网格', '楼栋', '楼栋地址', '单元', '房号', '楼层', '面积', '用途', '产权'],
};

/** Saves the kind's template as a CSV with a byte-order mark (Excel on Chinese Windows then reads UTF-8). */
export function downloadTemplate(kind: ImportKind, fileName: string) {
  const blob = new Blob([`\ufeff${TEMPLATES[kind].join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Default upload limit (LINLI_IMPORT_MAX_BYTES may differ; the server has the last word). */
export const MAX_UPLOAD_TEXT = '256 MB';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importKey = (id: number) => ['registry', 'import', id] as const;

const RUNNING = new Set(['validating', 'committing']);

/** One import; polled every second while a background job works on it. */
export function useImport(id: number | null) {
  return useQuery({
    queryKey: importKey(id ?? 0),
    queryFn: () => api.get<ImportView>(`/registry/imports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 1_000 : false),
    retry: false,
  });
}

export const saveMapping = (id: number, columns: ImportColumn[], nodeId?: number) =>
  api.put<ImportView>(`/registry/imports/${id}/mapping`, nodeId ? { columns, nodeId } : { columns });
export const validateImport = (id: number) => api.post<ImportView>(`/registry/imports/${id}/validate`);
export const commitImport = (id: number) => api.post<ImportView>(`/registry/imports/${id}/commit`);
export const discardImport = (id: number) => api.delete<ImportView>(`/registry/imports/${id}`);
export const reportHref = (id: number) => `/api/registry/imports/${id}/errors.xlsx`;

function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_MIME;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type || 'application/octet-stream';
}

/**
 * Sends the file as the request body (no multipart), with upload progress; XMLHttpRequest because
 * fetch reports no upload progress.
 */
export function uploadImport(
  file: File,
  opts: {
    kind: ImportKind;
    nodeId?: number | undefined;
    csrfToken: string;
    onProgress: (percent: number) => void;
  },
): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ kind: opts.kind });
    if (opts.nodeId) query.set('nodeId', String(opts.nodeId));
    xhr.open('POST', `/api/registry/imports?${query}`);
    xhr.setRequestHeader('content-type', contentType(file));
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('x-csrf-token', opts.csrfToken);
    xhr.setRequestHeader('accept-language', i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network.offline', i18n.t('errors.offline')));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200) return resolve(body as ImportView);
      const err = (
        body as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | null
      )?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `http.${xhr.status}`,
          err?.message ?? i18n.t('errors.network', { status: xhr.status }),
          Array.isArray(err?.details) ? err.details : [],
        ),
      );
    };
    xhr.send(file);
  });
}
