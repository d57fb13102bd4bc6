import {
  BarChartOutlined,
  EnvironmentOutlined,
  MobileOutlined,
  PhoneOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { MenuGroup } from '../../app/menu';

/** The desk menu groups of this module (spread into the desk menu by app/desk-layout.tsx). */
export const hotlineMenuGroups: MenuGroup[] = [
  {
    key: 'hotline',
    labelKey: 'hotline.menu.group',
    entries: [
      {
        path: '/desk/hotline',
        labelKey: 'hotline.menu.desk',
        icon: <PhoneOutlined aria-hidden />,
        permission: 'hotline.operate',
      },
      {
        path: '/desk/hotline/providers',
        labelKey: 'hotline.menu.providers',
        icon: <ShopOutlined aria-hidden />,
        permission: 'hotline.operate',
      },
      {
        path: '/desk/hotline/figures',
        labelKey: 'hotline.menu.figures',
        icon: <BarChartOutlined aria-hidden />,
        permission: ['hotline.operate', 'stats.read'],
      },
      {
        path: '/desk/hotline/coverage',
        labelKey: 'hotline.menu.coverage',
        icon: <EnvironmentOutlined aria-hidden />,
        permission: ['hotline.operate', 'stats.read'],
      },
      // Providers work from the phone; a provider who signs in at the desk finds its jobs here.
      {
        path: '/m/hotline/jobs',
        labelKey: 'hotline.menu.jobs',
        icon: <MobileOutlined aria-hidden />,
        permission: 'hotline.serve',
      },
    ],
  },
];
