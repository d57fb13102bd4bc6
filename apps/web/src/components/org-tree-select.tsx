import type { OrgNodeView } from '@linli/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { type CSSProperties, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelLabel } from './labels';
import { fetchOrgChildren, fetchOrgRoots, orgKeys } from './org-api';

type TreeItem = {
  id: number;
  pId: number;
  value: number;
  name: string;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
};

type Props = {
  id?: string;
  value?: number;
  /** Shown when the chosen node is not (yet) loaded in the tree, e.g. a scope remembered from last visit. */
  valueLabel?: string;
  onChange?: (id: number | undefined, name?: string) => void;
  placeholder?: string;
  'aria-label'?: string;
  /** A node that cannot be chosen and whose subtree is not offered (moving a node under itself). */
  excludeId?: number;
  allowClear?: boolean;
  style?: CSSProperties;
  className?: string;
  size?: 'small' | 'middle' | 'large';
};

/** The org tree, loaded level by level and limited to what the API returns for this user (their scope). */
export function OrgTreeSelect(props: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.roots, queryFn: fetchOrgRoots });
  const [children, setChildren] = useState<Record<number, OrgNodeView[]>>({});

  const toItem = useCallback(
    (n: OrgNodeView, pId: number): TreeItem => {
      const excluded = n.id === props.excludeId;
      return {
        id: n.id,
        pId,
        value: n.id,
        name: n.name,
        title: t('org.nodeWithLevel', { name: n.name, level: levelLabel(t, n.level) }),
        isLeaf: excluded || n.childCount === 0,
        disabled: excluded,
      };
    },
    [props.excludeId, t],
  );

  const treeData = useMemo(() => {
    const out: TreeItem[] = (roots.data ?? []).map((n) => toItem(n, 0));
    for (const [parentId, list] of Object.entries(children)) {
      for (const n of list) out.push(toItem(n, Number(parentId)));
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

  const label = treeData.find((n) => n.value === props.value)?.title ?? props.valueLabel;
  return (
    <TreeSelect<{ value: number; label?: unknown }>
      id={props.id}
      className={props.className}
      style={props.style}
      size={props.size}
      aria-label={props['aria-label']}
      labelInValue
      showSearch={false}
      allowClear={props.allowClear}
      loading={roots.isLoading}
      placeholder={props.placeholder ?? t('org.pickNode')}
      value={props.value ? { value: props.value, label: label ?? String(props.value) } : undefined}
      onChange={(v) => {
        const picked = v ? treeData.find((n) => n.value === v.value) : undefined;
        props.onChange?.(v?.value, picked?.name ?? (typeof v?.label === 'string' ? v.label : undefined));
      }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      loadData={loadData}
      popupMatchSelectWidth={false}
      notFoundContent={t('org.noNodes')}
    />
  );
}
