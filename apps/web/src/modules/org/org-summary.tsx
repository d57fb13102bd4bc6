import type { OrgNodeView } from '@linli/contract';
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format';
import { communityTypeLabel, departmentTypeLabel, levelLabel } from '../../components/labels';

export function OrgSummary({ node, column = 4 }: { node: OrgNodeView; column?: number }) {
  const { t } = useTranslation();
  const items = [
    { key: 'level', label: t('org.level'), children: levelLabel(t, node.level) },
    { key: 'code', label: t('org.code'), children: <span className="mono">{node.code}</span> },
    { key: 'households', label: t('org.households'), children: formatNumber(node.households) },
    {
      key: 'permanent',
      label: t('org.permanentPopulation'),
      children: formatNumber(node.permanentPopulation),
    },
    { key: 'floating', label: t('org.floatingPopulation'), children: formatNumber(node.floatingPopulation) },
    { key: 'children', label: t('org.childCount'), children: formatNumber(node.childCount) },
    { key: 'validFrom', label: t('org.validFrom'), children: formatDate(node.validFrom) },
    {
      key: 'boundary',
      label: t('org.boundary'),
      children: node.hasBoundary ? t('org.boundaryYes') : t('org.boundaryNo'),
    },
  ];
  if (node.communityType)
    items.splice(2, 0, {
      key: 'communityType',
      label: t('org.communityType'),
      children: communityTypeLabel(t, node.communityType),
    });
  if (node.departmentType)
    items.splice(2, 0, {
      key: 'departmentType',
      label: t('org.departmentType'),
      children: departmentTypeLabel(t, node.departmentType),
    });
  if (node.validTo)
    items.push({ key: 'validTo', label: t('org.validTo'), children: formatDate(node.validTo) });
  return <Descriptions bordered size="small" column={column} items={items} />;
}
