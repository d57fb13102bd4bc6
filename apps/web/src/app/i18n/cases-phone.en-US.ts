import type { casesPhoneZhCN } from './cases-phone.zh-CN';

export const casesPhoneEnUS: typeof casesPhoneZhCN = {
  title: 'Events',
};
