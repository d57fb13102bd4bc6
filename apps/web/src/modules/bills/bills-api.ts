import type {
  BillCancelBody,
  BillImportResult,
  BillKind,
  BillPage,
  BillStatus,
  BillView,
  MyBills,
  OnlinePayResult,
  RefundBody,
  RefundList,
  RefundView,
  WindowMethod,
  WindowPaymentBody,
} from '@linli/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api, type Query } from '../../app/api';
import i18n from '../../app/i18n';

/* Queries of the bill screens (desk and phone). Type-only contract imports: no zod in the bundle. */
export type { BillImportResult, BillKind, BillStatus, BillView, RefundView, WindowMethod };

/** The contract's BILL_KINDS (names in the i18n catalogue: bills.kind.<code>). */
export const BILL_KIND_CODES = [
  'water',
  'electricity',
  'gas',
  'heating',
  'property',
  'community_fee',
  'other',
] as const satisfies readonly BillKind[];
export const BILL_STATUS_CODES = ['unpaid', 'paid', 'cancelled'] as const satisfies readonly BillStatus[];
export const WINDOW_METHOD_CODES = ['cash', 'card', 'transfer'] as const satisfies readonly WindowMethod[];

export const billKeys = {
  all: ['bills'] as const,
  list: (filters: BillFilters) => ['bills', 'list', filters] as const,
  detail: (id: number) => ['bills', 'detail', id] as const,
  mine: ['bills', 'mine'] as const,
  myBill: (id: number) => ['bills', 'mine', id] as const,
  allRefunds: ['bills', 'refunds'] as const,
  refunds: (state: RefundState) => ['bills', 'refunds', state] as const,
};

export type BillFilters = {
  status?: BillStatus | undefined;
  kind?: BillKind | undefined;
  period?: string | undefined;
  q?: string | undefined;
};

/** The desk list, 50 a page through the API's cursor; totals cover the whole filtered result. */
export const useBills = (filters: BillFilters) =>
  useInfiniteQuery({
    queryKey: billKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<BillPage>('/bills', { ...(filters as Query), cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useBill = (id: number) =>
  useQuery({
    queryKey: billKeys.detail(id),
    queryFn: () => api.get<BillView>(`/bills/${id}`),
    enabled: id > 0,
    retry: false,
  });

/**
 * A desk write on one bill that answers the bill (window payment, cancellation): the answer is shown at
 * once, and every list is fetched afresh.
 */
function useBillWrite<B>(action: 'window-payment' | 'cancel') {
  const client = useQueryClient();
  return useCallback(
    async (id: number, body: B) => {
      const bill = await api.post<BillView>(`/bills/${id}/${action}`, body);
      client.setQueryData(billKeys.detail(id), bill);
      await client.invalidateQueries({ queryKey: billKeys.all });
      return bill;
    },
    [client, action],
  );
}

/** Records a payment at the window (窗口收款). */
export const useWindowPayment = () => useBillWrite<WindowPaymentBody>('window-payment');
/** Cancels an unpaid bill with a reason (作废). */
export const useCancelBill = () => useBillWrite<BillCancelBody>('cancel');

export type RefundState = 'due' | 'done';

/** Duplicate payments to give back (`due`) or given back (`done`), in the user's area. */
export const useRefunds = (state: RefundState) =>
  useQuery({
    queryKey: billKeys.refunds(state),
    queryFn: () => api.get<RefundList>('/bills/refunds', { state }),
  });

/** Records a refund with its voucher number; afterwards both refund lists are fetched afresh. */
export function useRecordRefund() {
  const client = useQueryClient();
  return useCallback(
    async (paymentId: number, body: RefundBody) => {
      const refund = await api.post<RefundView>(`/bills/payments/${paymentId}/refund`, body);
      await client.invalidateQueries({ queryKey: billKeys.allRefunds });
      return refund;
    },
    [client],
  );
}

export const receiptHref = (id: number) => `/api/bills/${id}/receipt`;
export const myReceiptHref = (id: number) => `/api/me/bills/${id}/receipt`;
export const templateHref = '/api/bills/import/template.csv';
export const errorReportHref = (importId: number) => `/api/bills/import/${importId}/errors.xlsx`;

/** The resident's own household's bills, unpaid first (the API's order). */
export const useMyBills = (enabled = true) =>
  useQuery({
    queryKey: billKeys.mine,
    queryFn: () => api.get<MyBills>('/me/bills'),
    enabled,
    staleTime: 0,
  });

/** How long a screen back from the payment page waits for the provider's callback before giving up. */
export const CONFIRM_MS = 15_000;

/** One of the resident's bills; while `polling` and still unpaid, asked again every second. */
export const useMyBill = (id: number, polling = false) =>
  useQuery({
    queryKey: billKeys.myBill(id),
    queryFn: () => api.get<BillView>(`/me/bills/${id}`),
    enabled: id > 0,
    retry: false,
    staleTime: 0,
    refetchInterval: (q) => (polling && q.state.data?.status === 'unpaid' ? 1_000 : false),
  });

/** Starts an online payment: the API opens an order with the provider and says where to send the browser. */
export const startOnlinePayment = (id: number) => api.post<OnlinePayResult>(`/me/bills/${id}/pay`);

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_MIME;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

function errorOf(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | null)
    ?.error;
  return new ApiError(
    status,
    err?.code ?? `http.${status}`,
    err?.message ?? i18n.t('errors.network', { status }),
    Array.isArray(err?.details) ? err.details : [],
  );
}

/**
 * Sends the utility's file as the request body (no multipart), as the registry import does. With
 * commit=false the server only checks it; with commit=true it writes every row or none.
 */
export async function uploadBills(file: File, commit: boolean, csrfToken: string): Promise<BillImportResult> {
  let res: Response;
  try {
    res = await fetch(`/api/bills/import?commit=${commit}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': contentType(file),
        'x-file-name': encodeURIComponent(file.name),
        'x-csrf-token': csrfToken,
        'accept-language': i18n.language === 'en-US' ? 'en-US' : 'zh-CN',
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network.offline', i18n.t('errors.offline'));
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw errorOf(res.status, body);
  return body as BillImportResult;
}
