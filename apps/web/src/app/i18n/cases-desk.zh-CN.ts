/** Strings of the case screens on the desk (owned by those screens; keep cases-desk.en-US.ts key for key). */
export const casesDeskZhCN = {
  title: '事件办理',
};
