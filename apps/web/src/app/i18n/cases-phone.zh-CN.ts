/** Strings of the case screens on the phone (owned by those screens; keep cases-phone.en-US.ts key for key). */
export const casesPhoneZhCN = {
  title: '事件',
};
