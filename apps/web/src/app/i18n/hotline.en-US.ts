import type { hotlineZhCN } from './hotline.zh-CN';

export const hotlineEnUS: typeof hotlineZhCN = {
  title: 'Service hotline',
};
