import {
  AlertOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  NotificationOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../app/auth';

export type TileKey = 'report' | 'apply' | 'myCases' | 'notices' | 'polls' | 'household';

/** Built modules link to their screen; the rest still go to the "coming soon" page. */
const BUILT: Partial<Record<TileKey, string>> = { household: '/m/household' };

const TILES: { key: TileKey; slug: string; icon: ReactNode }[] = [
  { key: 'report', slug: 'report', icon: <AlertOutlined aria-hidden /> },
  { key: 'apply', slug: 'apply', icon: <FileAddOutlined aria-hidden /> },
  { key: 'myCases', slug: 'my-cases', icon: <FolderOpenOutlined aria-hidden /> },
  { key: 'notices', slug: 'notices', icon: <NotificationOutlined aria-hidden /> },
  { key: 'polls', slug: 'polls', icon: <TeamOutlined aria-hidden /> },
  { key: 'household', slug: 'household', icon: <HomeOutlined aria-hidden /> },
];

/** Resident home: the six things residents come for, as big tiles. */
export function ResidentHome() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <h2 className="phone-title">{t('phone.hello', { name: me.account.displayName })}</h2>
      <nav aria-label={t('phone.services')}>
        <div className="tiles">
          {TILES.map((tile) => (
            <Link key={tile.key} to={BUILT[tile.key] ?? `/m/soon/${tile.slug}`} className="tile">
              <span aria-hidden="true">{tile.icon}</span>
              <span>{t(`phone.tiles.${tile.key}`)}</span>
            </Link>
          ))}
        </div>
      </nav>
    </>
  );
}
