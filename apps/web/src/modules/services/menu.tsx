import { AuditOutlined, BarChartOutlined, FileAddOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuGroup } from '../../app/menu';

/** The desk menu groups of this module (spread into the desk menu by app/desk-layout.tsx). */
export const servicesMenuGroups: MenuGroup[] = [
  {
    key: 'services',
    labelKey: 'services.menu.group',
    entries: [
      {
        path: '/desk/services',
        labelKey: 'services.menu.window',
        icon: <SolutionOutlined aria-hidden />,
        permission: 'applications.handle',
        also: ['/desk/services/applications'],
      },
      {
        path: '/desk/services/new',
        labelKey: 'services.menu.new',
        icon: <FileAddOutlined aria-hidden />,
        permission: 'applications.handle',
      },
      {
        path: '/desk/services/department',
        labelKey: 'services.menu.department',
        icon: <AuditOutlined aria-hidden />,
        permission: 'applications.handle',
      },
      {
        path: '/desk/services/figures',
        labelKey: 'services.menu.figures',
        icon: <BarChartOutlined aria-hidden />,
        permission: ['applications.handle', 'stats.read'],
      },
    ],
  },
];
