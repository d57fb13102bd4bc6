import type { noticesZhCN } from './notices.zh-CN';

export const noticesEnUS: typeof noticesZhCN = {
  title: 'Notices',
  bell: 'Notices ({{count}} unread)',
  empty: 'No notices',
  urgent: 'Urgent',
  markAll: 'Mark all as read',
  kind: {
    case_emergency: 'Emergency call: {{title}}',
    case_assigned: 'Assigned to you: #{{caseId}} {{title}}',
    case_verify: 'Please verify: #{{caseId}} {{title}}',
    case_check: 'Please check: #{{caseId}} {{title}}',
    case_progress: 'Your report “{{title}}”: {{state}}',
    application_progress: 'Your application #{{applicationId}}: {{state}}',
    application_due_soon: 'Application #{{applicationId}} ({{applicant}}) is due within one working day',
    application_overdue:
      'Application #{{applicationId}} ({{applicant}}) is past its promised date; please follow it up',
    bill_cancelled: 'The {{period}} bill from {{biller}} ({{amount}}) was cancelled: {{reason}}',
  },
};
