import { RightOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageLoading } from '../../components/page-loading';
import { matterName, useMatter, useMatters } from '../../modules/services/services-api';
import { BackLink } from '../registry/phone-parts';
import './services-phone.css';

/** 办事: the catalogue of matters, online ones first. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { data } = useMatters();
  if (!data) return <PageLoading />;
  const sorted = [...data].sort((a, b) => Number(b.online) - Number(a.online));
  return (
    <>
      <BackLink to="/m" />
      <h2 className="phone-title">{t('services.catalogue.title')}</h2>
      <Link to="/m/services/mine" className="phone-card" style={{ display: 'block', marginBottom: 12 }}>
        {t('services.catalogue.mine')} <RightOutlined aria-hidden />
      </Link>
      <div className="phone-card">
        <ul className="sv-list">
          {sorted.map((m) => (
            <li key={m.id}>
              <Link to={`/m/services/matters/${m.id}`}>
                <span>
                  {matterName(m)}
                  <small>
                    {t(`services.mode.${m.mode}`)} ·{' '}
                    {m.online ? t('services.catalogue.online') : t('services.catalogue.windowOnly')}
                  </small>
                </span>
                <RightOutlined aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

/** One matter: what to bring, how long it takes, what it costs. */
export function MatterPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const { data: m } = useMatter(id);
  if (!m) return <PageLoading />;
  const en = i18n.language === 'en-US';
  return (
    <>
      <BackLink to="/m/services" />
      <h2 className="phone-title">{matterName(m)}</h2>
      <div className="phone-card">
        <div className="phone-row">
          <span>{t('services.catalogue.limit')}</span>
          <span>
            {m.mode === 'on_the_spot'
              ? t('services.catalogue.onTheSpot')
              : t('services.catalogue.limitDays', { n: m.limitDays })}
          </span>
        </div>
        <div className="phone-row">
          <span>{t('services.catalogue.fee')}</span>
          <span>
            {m.fee === 0 ? t('services.catalogue.free') : t('services.catalogue.yuan', { n: m.fee })}
          </span>
        </div>
        <div className="phone-row">
          <span>{t('services.catalogue.legal')}</span>
          <span>{m.legalBasis}</span>
        </div>
      </div>
      <div className="phone-card">
        <h3>{t('services.catalogue.materials')}</h3>
        {m.materials.map((x) => (
          <div key={x.code} className="sv-material">
            {en ? x.nameEn : x.nameZh}{' '}
            {x.registrySupplies ? (
              <Tag color="green">{t('services.catalogue.fromRegistry')}</Tag>
            ) : (
              <Tag>
                {t(`services.catalogue.${x.form}`)} · {t('services.catalogue.count', { n: x.count })}
              </Tag>
            )}
          </div>
        ))}
      </div>
      {m.online ? (
        <Link to={`/m/services/matters/${m.id}/apply`}>
          <Button type="primary" size="large" block style={{ marginTop: 12 }}>
            {t('services.catalogue.apply')}
          </Button>
        </Link>
      ) : (
        <p className="sv-warn">{t('services.catalogue.windowOnly')}</p>
      )}
    </>
  );
}
