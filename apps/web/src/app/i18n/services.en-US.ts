import type { servicesZhCN } from './services.zh-CN';

export const servicesEnUS: typeof servicesZhCN = {
  title: 'One-window services',
};
