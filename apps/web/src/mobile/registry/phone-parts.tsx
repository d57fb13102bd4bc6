import { LeftOutlined } from '@ant-design/icons';
import type { OrgNodeView } from '@linli/contract';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchOrgChildren, fetchOrgRoots } from '../../components/org-api';
import { duplicateOf } from '../../modules/registry/id-checks';
import './registry-phone.css';

/** "‹ 返回" at the top of a phone sub-screen; a full 44 px target. */
export function BackLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="back-link">
      <LeftOutlined aria-hidden /> {t('registry.m.back')}
    </Link>
  );
}

export type PhoneGrid = { id: number; name: string };

/** The grids this worker may register people in: grids in their scope, or the grids below a community. */
export function usePhoneGrids() {
  return useQuery({
    queryKey: ['registry', 'phone-grids'],
    queryFn: async (): Promise<PhoneGrid[]> => {
      const roots = await fetchOrgRoots();
      const grids: OrgNodeView[] = roots.filter((n) => n.level === 'grid');
      for (const n of roots.filter((r) => r.level === 'community')) {
        grids.push(...(await fetchOrgChildren(n.id)).filter((c) => c.level === 'grid' && !c.validTo));
      }
      return grids.map((g) => ({ id: g.id, name: g.name }));
    },
    staleTime: 300_000,
  });
}

/** A failed registration: a duplicate ID number links to the existing record when it is in scope. */
export function PhoneError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const dup = duplicateOf(error);
  const message = error instanceof Error ? error.message : t('errors.unknown');
  if (!dup.duplicate) {
    return (
      <div className="phone-note error" role="alert">
        {message}
      </div>
    );
  }
  return (
    <div className="phone-note warning" role="alert">
      <strong>{t('registry.form.duplicateTitle')}</strong>
      <br />
      {dup.ref ? (
        <Link to={`/m/grid/people/${dup.ref.id}`}>{t('registry.form.duplicateLink')}</Link>
      ) : (
        <>
          {message}
          <br />
          {t('registry.form.duplicateElsewhere')}
        </>
      )}
    </div>
  );
}

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
export function todayKey(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
