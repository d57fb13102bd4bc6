import {
  AlertOutlined,
  CameraOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  NotificationOutlined,
  RightOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../app/auth';
import { BillsTile } from './bills/bills-tile';
import { MyReportsLink } from './cases/home-entries';

export type TileKey = 'report' | 'apply' | 'myCases' | 'notices' | 'polls' | 'household';

/** Built modules link to their screen; the rest still go to the "coming soon" page. */
const BUILT: Partial<Record<TileKey, string>> = {
  household: '/m/household',
  report: '/m/cases/new',
  myCases: '/m/cases/mine',
  apply: '/m/services',
};

const TILES: { key: TileKey; slug: string; icon: ReactNode }[] = [
  { key: 'report', slug: 'report', icon: <AlertOutlined aria-hidden /> },
  { key: 'apply', slug: 'apply', icon: <FileAddOutlined aria-hidden /> },
  { key: 'myCases', slug: 'my-cases', icon: <FolderOpenOutlined aria-hidden /> },
  { key: 'notices', slug: 'notices', icon: <NotificationOutlined aria-hidden /> },
  { key: 'polls', slug: 'polls', icon: <TeamOutlined aria-hidden /> },
  { key: 'household', slug: 'household', icon: <HomeOutlined aria-hidden /> },
];

/** Resident home: 我要反映 first (the most common reason to open it), their reports, then the tiles (我的账单 last, with what is unpaid). */
export function ResidentHome() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <h2 className="phone-title">{t('phone.hello', { name: me.account.displayName })}</h2>
      <Link to="/m/cases/new" className="cp-big-entry">
        <CameraOutlined aria-hidden /> {t('casesPhone.home.report')}
      </Link>
      <MyReportsLink icon={<RightOutlined aria-hidden />} />
      <nav aria-label={t('phone.services')}>
        <div className="tiles">
          {TILES.map((tile) => (
            <Link key={tile.key} to={BUILT[tile.key] ?? `/m/soon/${tile.slug}`} className="tile">
              <span aria-hidden="true">{tile.icon}</span>
              <span>{t(`phone.tiles.${tile.key}`)}</span>
            </Link>
          ))}
          <BillsTile />
        </div>
      </nav>
    </>
  );
}
