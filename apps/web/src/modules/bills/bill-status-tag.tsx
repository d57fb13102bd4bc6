import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components/status-tag';
import { billTone, isOverdue } from './bill-format';
import type { BillView } from './bills-api';

/** The bill's status in the shared colours; an unpaid bill past its due date says so in red. */
export function BillStatusTag({
  bill,
  today,
}: {
  bill: Pick<BillView, 'status' | 'dueDate'>;
  today: string;
}) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={billTone(bill, today)}>
      {isOverdue(bill, today) ? t('bills.status.overdue') : t(`bills.status.${bill.status}`)}
    </StatusTag>
  );
}
