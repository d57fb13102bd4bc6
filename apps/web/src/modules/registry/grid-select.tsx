import type { OrgNodeView } from '@linli/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { type CSSProperties, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../components/labels';
import { fetchOrgChildren, fetchOrgRoots, orgKeys } from '../../components/org-api';

type Item = { id: number; pId: number; value: number; title: string; isLeaf: boolean; selectable: boolean };

type Props = {
  id?: string;
  value?: number;
  /** Shown while the chosen grid is not loaded in the tree. */
  valueLabel?: string;
  onChange?: (id: number | undefined, name?: string) => void;
  placeholder?: string;
  'aria-label'?: string;
  excludeId?: number;
  allowClear?: boolean;
  style?: CSSProperties;
};

/**
 * The org tree limited to the user's scope, in which only grids can be chosen: every resident,
 * house and unit belongs to a grid. Other levels open to show what is below them.
 */
export function GridSelect(props: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.roots, queryFn: fetchOrgRoots });
  const [children, setChildren] = useState<Record<number, OrgNodeView[]>>({});

  const toItem = useCallback(
    (n: OrgNodeView, pId: number): Item => {
      const grid = n.level === 'grid' && n.id !== props.excludeId;
      return {
        id: n.id,
        pId,
        value: n.id,
        title: grid ? n.name : t('org.nodeWithLevel', { name: n.name, level: levelLabel(t, n.level) }),
        isLeaf: n.level === 'grid' || n.childCount === 0,
        selectable: grid,
      };
    },
    [t, props.excludeId],
  );

  const treeData = useMemo(() => {
    const out: Item[] = (roots.data ?? []).filter((n) => n.level !== 'department').map((n) => toItem(n, 0));
    for (const [parentId, list] of Object.entries(children)) {
      for (const n of list) if (n.level !== 'department') out.push(toItem(n, Number(parentId)));
    }
    return out;
  }, [roots.data, children, toItem]);

  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      const parentId = Number(node.value);
      if (!parentId || children[parentId]) return;
      const list = await client.fetchQuery({
        queryKey: orgKeys.children(parentId),
        queryFn: () => fetchOrgChildren(parentId),
      });
      setChildren((prev) => ({ ...prev, [parentId]: list }));
    },
    [client, children],
  );

  // A grid picked before this select was mounted (the form was reset, the drawer reopened) is named
  // from the org nodes already cached.
  const cachedName = (id: number | undefined) =>
    id
      ? client
          .getQueriesData<OrgNodeView[]>({ queryKey: ['org', 'children'] })
          .flatMap(([, list]) => list ?? [])
          .find((n) => n.id === id)?.name
      : undefined;
  const label =
    treeData.find((n) => n.value === props.value)?.title ?? props.valueLabel ?? cachedName(props.value);
  return (
    <TreeSelect<{ value: number; label?: unknown }>
      id={props.id}
      style={props.style ?? { width: '100%' }}
      aria-label={props['aria-label']}
      labelInValue
      showSearch={false}
      allowClear={props.allowClear}
      loading={roots.isLoading}
      placeholder={props.placeholder ?? t('registry.form.gridHint')}
      value={props.value ? { value: props.value, label: label ?? String(props.value) } : undefined}
      onChange={(v) => {
        const picked = v ? treeData.find((n) => n.value === v.value) : undefined;
        props.onChange?.(v?.value, picked?.title ?? (typeof v?.label === 'string' ? v.label : undefined));
      }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      loadData={loadData}
      treeExpandAction="click"
      popupMatchSelectWidth={false}
      notFoundContent={t('org.noNodes')}
    />
  );
}
