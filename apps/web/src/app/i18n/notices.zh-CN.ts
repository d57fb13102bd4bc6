/** In-app notices (the bell in the title bar); keep notices.en-US.ts key for key. */
export const noticesZhCN = {
  title: '消息',
  bell: '消息（{{count}} 条未读）',
  empty: '暂无消息',
  urgent: '紧急',
  markAll: '全部标为已读',
  kind: {
    case_emergency: '紧急呼叫：{{title}}',
    case_assigned: '新派遣：#{{caseId}} {{title}}',
    case_verify: '请核实：#{{caseId}} {{title}}',
    case_check: '请核查：#{{caseId}} {{title}}',
    case_progress: '您反映的“{{title}}”{{state}}',
    application_progress: '您的申请 #{{applicationId}} {{state}}',
    application_due_soon: '申请 #{{applicationId}}（{{applicant}}）距承诺办结不足 1 个工作日，请抓紧办理',
    application_overdue: '申请 #{{applicationId}}（{{applicant}}）已超过承诺办结时间，请督办',
    bill_cancelled: '{{biller}} {{period}} 账单（{{amount}}）已作废：{{reason}}',
  },
};
