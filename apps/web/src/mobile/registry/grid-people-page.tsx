import { PlusOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { PageLoading } from '../../components/page-loading';
import { useResidentList } from '../../modules/registry/registry-api';
import { regLabel } from '../../modules/registry/registry-labels';
import { ResidentTags } from '../../modules/registry/resident-tags';
import { PhoneButton } from './phone-form';
import { BackLink } from './phone-parts';

/** 辖区居民: search by name, pinyin or initials (zs → 张三), ID number or mobile; a card per person. */
export function GridPeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? '';
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== q) setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, q, setParams]);
  const list = useResidentList({ q: q || undefined }, 30);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? null;

  return (
    <>
      <BackLink to="/m/grid" />
      <div className="phone-head">
        <h2 className="phone-title">{t('phone.tiles.people')}</h2>
        {can('registry.write') ? (
          <Link to="/m/grid/add" className="shortcut">
            <PlusOutlined aria-hidden />
            &nbsp;{t('phone.tiles.addResident')}
          </Link>
        ) : null}
      </div>
      <search className="phone-search">
        <label htmlFor="people-q" className="visually-hidden">
          {t('registry.list.search')}
        </label>
        <input
          id="people-q"
          className="pf-input"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('registry.m.searchPlaceholder')}
          autoComplete="off"
          enterKeyHint="search"
        />
      </search>
      {list.isLoading ? <PageLoading /> : null}
      {list.error ? (
        <div className="phone-note error" role="alert">
          {list.error.message}
        </div>
      ) : null}
      {list.data && rows.length === 0 ? <Empty description={t('registry.m.noPeople')} /> : null}
      <ul className="person-list" aria-label={t('phone.tiles.people')}>
        {rows.map((r) => (
          <li key={r.id}>
            <Link to={`/m/grid/people/${r.id}`} className="person-card">
              <span className="person-card-head">
                <strong>{r.name}</strong>
                <span className="muted">
                  {regLabel(t, 'gender', r.gender)} · {t('registry.list.ageValue', { age: r.age })}
                </span>
              </span>
              <span className="muted">
                {r.actualAddress ?? r.gridName}
                {r.phone ? <span className="mono"> · {r.phone}</span> : null}
              </span>
              {r.tags.length > 0 ? (
                <span className="phone-tags">
                  <ResidentTags tags={r.tags} />
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <p className="muted" role="status" style={{ textAlign: 'center' }}>
          {total !== null
            ? t('registry.list.total', { total: formatNumber(total) })
            : t('registry.list.shown', { count: rows.length })}
        </p>
      ) : null}
      {list.hasNextPage ? (
        <PhoneButton onClick={() => list.fetchNextPage()} busy={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </PhoneButton>
      ) : null}
    </>
  );
}
