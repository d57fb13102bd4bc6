import { Form, Input, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../app/auth';
import { OrgTreeSelect } from './org-tree-select';
import './period-filter.css';

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const PRESETS = ['thisMonth', 'lastMonth', 'last30', 'thisYear'] as const;
type Preset = (typeof PRESETS)[number];

function presetRange(p: Preset): { from: string; to: string } {
  const today = shanghaiToday();
  const [y, m] = today.split('-').map(Number) as [number, number];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  switch (p) {
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth':
      return { from: day(new Date(Date.UTC(y, m - 2, 1))), to: day(new Date(Date.UTC(y, m - 1, 0))) };
    case 'last30':
      return { from: day(new Date(Date.parse(today) - 29 * 86_400_000)), to: today };
    case 'thisYear':
      return { from: `${y}-01-01`, to: today };
  }
}

export interface PeriodQuery {
  from: string;
  to: string;
  nodeId?: number | undefined;
}
export type Period = PeriodQuery & { nodeName?: string | undefined };

/**
 * Period and node live in the address, so a figures page can be shared and reopened as it was. Other
 * parameters of the page (`keep`) stay in the address when the period changes.
 */
export function usePeriod(keep: readonly string[] = []): [Period, (next: Partial<Period>) => void] {
  const [params, setParams] = useSearchParams();
  const month = presetRange('thisMonth');
  const q: Period = {
    from: params.get('from') ?? month.from,
    to: params.get('to') ?? month.to,
    nodeId: Number(params.get('nodeId')) || undefined,
    nodeName: params.get('nodeName') ?? undefined,
  };
  const set = (next: Partial<Period>) => {
    const merged = { ...q, ...next };
    const out: Record<string, string> = { from: merged.from, to: merged.to };
    if (merged.nodeId) {
      out.nodeId = String(merged.nodeId);
      if (merged.nodeName) out.nodeName = merged.nodeName;
    }
    for (const k of keep) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    setParams(out);
  };
  return [q, set];
}

/** The filter bar of a figures page: a preset period, its dates, the node (for those who see the tree). */
export function PeriodFilter({
  period,
  onChange,
  idPrefix,
  children,
}: {
  period: Period;
  onChange: (next: Partial<Period>) => void;
  idPrefix: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const preset = PRESETS.find((p) => {
    const r = presetRange(p);
    return r.from === period.from && r.to === period.to;
  });
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <Form.Item label={t('casesDesk.indicators.period')}>
        <Segmented<Preset | 'custom'>
          value={preset ?? 'custom'}
          options={[
            ...PRESETS.map((p) => ({ value: p, label: t(`casesDesk.indicators.preset.${p}`) })),
            { value: 'custom', label: t('casesDesk.indicators.preset.custom'), disabled: true },
          ]}
          onChange={(p) => p !== 'custom' && onChange(presetRange(p))}
        />
      </Form.Item>
      <Form.Item label={t('casesDesk.indicators.from')} htmlFor={`${idPrefix}-from`}>
        <Input
          id={`${idPrefix}-from`}
          type="date"
          value={period.from}
          onChange={(e) => e.target.value && onChange({ from: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('casesDesk.indicators.to')} htmlFor={`${idPrefix}-to`}>
        <Input
          id={`${idPrefix}-to`}
          type="date"
          value={period.to}
          onChange={(e) => e.target.value && onChange({ to: e.target.value })}
        />
      </Form.Item>
      {can('org.read') ? (
        <Form.Item label={t('casesDesk.indicators.node')} htmlFor={`${idPrefix}-node`}>
          <OrgTreeSelect
            id={`${idPrefix}-node`}
            allowClear
            style={{ width: 240 }}
            placeholder={t('casesDesk.indicators.nodePlaceholder')}
            value={period.nodeId}
            valueLabel={period.nodeName}
            onChange={(id, name) => onChange({ nodeId: id, nodeName: name })}
          />
        </Form.Item>
      ) : null}
      {children}
    </Form>
  );
}
