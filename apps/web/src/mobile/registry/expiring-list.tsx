import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useExpiring } from '../../modules/registry/registry-api';

// app.css gives `.menu-list a` width 100% plus padding; without this the chevron is clipped.
export const BORDER_BOX = { boxSizing: 'border-box' } as const;

const todayKey = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysUntil = (day: string) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${todayKey()}T00:00:00Z`)) / 86_400_000);

/**
 * 到期提醒 on the grid home: floating residents whose expected stay ends within 14 days, soonest
 * first. Kept free of other registry code: it is part of the first phone screen.
 */
export function ExpiringList() {
  const { t } = useTranslation();
  const expiring = useExpiring(14);
  if (expiring.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (expiring.error) {
    return (
      <p className="muted" role="alert">
        {expiring.error.message}
      </p>
    );
  }
  const list = [...(expiring.data ?? [])].sort((a, b) => a.expectedUntil.localeCompare(b.expectedUntil));
  if (list.length === 0) return <p className="muted">{t('registry.m.expiringNone')}</p>;
  return (
    <ul className="menu-list">
      {list.map((e) => {
        const days = daysUntil(e.expectedUntil);
        return (
          <li key={e.registrationId}>
            <Link to={`/m/grid/people/${e.residentId}`} style={BORDER_BOX}>
              <span
                style={{ display: 'flex', flexDirection: 'column', padding: '8px 0', flex: 1, minWidth: 0 }}
              >
                <strong>{e.name}</strong>
                <span className="muted" style={{ fontSize: 13 }}>
                  {e.gridName} · {t('registry.m.expiresOn', { date: e.expectedUntil })}
                </span>
              </span>
              <span style={{ display: 'flex', alignItems: 'center', gap: 4, flex: 'none' }}>
                <span style={{ color: days <= 0 ? '#cf1322' : '#d46b08', fontSize: 14 }}>
                  {days < 0
                    ? t('registry.m.overdue')
                    : days === 0
                      ? t('registry.m.dueToday')
                      : t('registry.m.daysLeft', { count: days })}
                </span>
                <RightOutlined aria-hidden />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
