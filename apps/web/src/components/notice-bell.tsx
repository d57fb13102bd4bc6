import { BellOutlined } from '@ant-design/icons';
import type { noticePage } from '@linli/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type Infer } from '../app/api';
import { formatDateTime } from '../app/format';

type NoticePage = Infer<typeof noticePage>;
type Notice = NoticePage['items'][number];

const KEY = ['notices'] as const;
/** Emergency alerts must reach a grid worker within moments; a poll this often is cheap (one indexed count). */
const POLL_MS = 15_000;

/** Where a notice leads, on the surface the reader is using. */
function linkOf(n: Notice, surface: 'desk' | 'phone'): string | null {
  const caseId = n.params.caseId;
  if (caseId !== undefined) return surface === 'desk' ? `/desk/cases/${caseId}` : `/m/cases/${caseId}`;
  const applicationId = n.params.applicationId;
  if (applicationId !== undefined)
    return surface === 'desk'
      ? `/desk/services/applications/${applicationId}`
      : `/m/services/applications/${applicationId}`;
  return n.link;
}

/** The state a progress notice reports, in the words of its module. */
function useStateLabel() {
  const { t } = useTranslation();
  return (n: Notice): string => {
    const state = n.params.state;
    if (state === undefined) return '';
    return n.kind === 'application_progress'
      ? t(`services.state.${state}` as 'services.state.submitted', { defaultValue: String(state) })
      : t(`cases.state.${state}` as 'cases.state.closed', { defaultValue: String(state) });
  };
}

/**
 * The reader's in-app notices: a bell with the unread count in the title bar; urgent ones (emergency
 * calls) are marked red. Opening one marks it read and goes to the matter.
 */
export function NoticeBell({ surface }: { surface: 'desk' | 'phone' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stateLabel = useStateLabel();
  const client = useQueryClient();
  const page = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<NoticePage>('/notices', { limit: 10 }),
    refetchInterval: POLL_MS,
  });
  const read = useMutation({
    mutationFn: (ids?: number[]) => api.post('/notices/read', ids ? { ids } : {}),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const items = page.data?.items ?? [];
  const unread = page.data?.unread ?? 0;
  const urgent = items.some((n) => !n.read && n.priority === 'urgent');
  const open = (n: Notice) => {
    if (!n.read) read.mutate([n.id]);
    const to = linkOf(n, surface);
    if (to) navigate(to);
  };
  const content = (
    <div style={{ width: surface === 'phone' ? 300 : 360 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.read ? 0.6 : 1 }}
              onClick={() => open(n)}
              actions={
                n.priority === 'urgent' && !n.read
                  ? [
                      <Tag key="u" color="red">
                        {t('notices.urgent')}
                      </Tag>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={t(`notices.kind.${n.kind}` as 'notices.kind.case_assigned', {
                  ...n.params,
                  state: stateLabel(n),
                  defaultValue: n.kind,
                })}
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      )}
      {unread > 0 ? (
        <Button type="link" block onClick={() => read.mutate(undefined)}>
          {t('notices.markAll')}
        </Button>
      ) : null}
    </div>
  );
  return (
    <Popover content={content} title={t('notices.title')} trigger="click" placement="bottomRight">
      <Button
        type="text"
        aria-label={t('notices.bell', { count: unread })}
        icon={
          <Badge count={unread} size="small" color={urgent ? '#cf1322' : undefined}>
            <BellOutlined style={{ fontSize: 18, color: surface === 'phone' ? '#fff' : undefined }} />
          </Badge>
        }
      />
    </Popover>
  );
}
