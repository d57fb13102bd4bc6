import { describe, expect, it } from 'vitest';
import { billTone, formatYuan, isOverdue, shanghaiToday } from './bill-format';

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals and thousands separators', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(12_050)).toBe('¥120.50');
    expect(formatYuan(123_456_789)).toBe('¥1,234,567.89');
    expect(formatYuan(-1_999)).toBe('-¥19.99');
  });

  it('stays exact beyond what a float of yuan could hold to the cent', () => {
    expect(formatYuan(900_719_925_474_099)).toBe('¥9,007,199,254,740.99');
  });
});

describe('bill status colours', () => {
  const today = '2026-12-04';
  it('marks an unpaid bill past its due date overdue, and only an unpaid one', () => {
    expect(isOverdue({ status: 'unpaid', dueDate: '2026-12-03' }, today)).toBe(true);
    expect(isOverdue({ status: 'unpaid', dueDate: '2026-12-04' }, today)).toBe(false);
    expect(isOverdue({ status: 'paid', dueDate: '2026-01-01' }, today)).toBe(false);
    expect(billTone({ status: 'unpaid', dueDate: '2026-12-03' }, today)).toBe('overdue');
    expect(billTone({ status: 'unpaid', dueDate: '2026-12-31' }, today)).toBe('waiting');
    expect(billTone({ status: 'paid', dueDate: '2026-12-03' }, today)).toBe('closed');
    expect(billTone({ status: 'cancelled', dueDate: '2026-12-31' }, today)).toBe('refused');
  });

  it('counts days in Asia/Shanghai: 16:00 UTC is already the next day there', () => {
    expect(shanghaiToday(Date.parse('2026-12-04T15:59:00Z'))).toBe('2026-12-04');
    expect(shanghaiToday(Date.parse('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
  });
});
