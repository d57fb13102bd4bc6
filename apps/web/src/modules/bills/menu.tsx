import { AccountBookOutlined, ImportOutlined, RollbackOutlined } from '@ant-design/icons';
import type { MenuGroup } from '../../app/menu';

/** The desk menu groups of this module (spread into the desk menu by app/desk-layout.tsx). */
export const billsMenuGroups: MenuGroup[] = [
  {
    key: 'bills',
    labelKey: 'bills.menu.group',
    entries: [
      {
        path: '/desk/bills',
        labelKey: 'bills.menu.list',
        icon: <AccountBookOutlined aria-hidden />,
        permission: 'bills.manage',
      },
      {
        path: '/desk/bills/import',
        labelKey: 'bills.menu.import',
        icon: <ImportOutlined aria-hidden />,
        permission: 'bills.manage',
      },
      {
        path: '/desk/bills/refunds',
        labelKey: 'bills.menu.refunds',
        icon: <RollbackOutlined aria-hidden />,
        permission: 'bills.manage',
      },
    ],
  },
];
