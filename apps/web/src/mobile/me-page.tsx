import { RightOutlined } from '@ant-design/icons';
import { App as AntApp, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useLogout, useSession } from '../app/auth';
import { roleLabel } from '../components/labels';
import { LanguageSwitch } from '../components/language-switch';

function MeContent() {
  const { t } = useTranslation();
  const me = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const signOut = async (everywhere: boolean) => {
    try {
      await logout(everywhere);
      navigate('/login', { replace: true });
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('errors.unknown'));
    }
  };
  const staffDesk = me.account.kind === 'staff' && me.roles.some((r) => r.role !== 'grid_worker');
  return (
    <>
      <div className="phone-card">
        <h2 className="phone-title" style={{ margin: 0 }}>
          {me.account.displayName}
        </h2>
        <span className="muted">{me.account.username ?? ''}</span>
        {me.roles.length > 0 ? (
          <div style={{ marginTop: 8 }}>
            {me.roles.map((r) => (
              <div key={r.id}>
                {roleLabel(t, r.role)} · {r.orgNodeName}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <section className="phone-section" aria-label={t('phone.settings')}>
        <ul className="menu-list">
          <li>
            <Link to="/account/password">
              {t('user.changePassword')}
              <RightOutlined aria-hidden />
            </Link>
          </li>
          <li>
            <Link to="/account/totp">
              {t('user.totp')}
              <RightOutlined aria-hidden />
            </Link>
          </li>
          {staffDesk ? (
            <li>
              <Link to="/desk">
                {t('phone.toDesk')}
                <RightOutlined aria-hidden />
              </Link>
            </li>
          ) : null}
          <li
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              padding: '8px 16px',
            }}
          >
            <span>{t('common.language')}</span>
            <LanguageSwitch />
          </li>
        </ul>
      </section>
      <section className="phone-section">
        <ul className="menu-list">
          <li>
            <button type="button" onClick={() => void signOut(false)}>
              {t('user.logout')}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="danger"
              onClick={() =>
                modal.confirm({
                  title: t('user.logoutAllConfirmTitle'),
                  content: t('user.logoutAllConfirm'),
                  okText: t('user.logoutAll'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () => signOut(true),
                })
              }
            >
              {t('user.logoutAll')}
            </button>
          </li>
        </ul>
      </section>
    </>
  );
}

/** 我的. Its own antd App (confirm dialogs, messages) keeps those out of the phone home screen's JavaScript. */
export function MePage() {
  return (
    <AntApp>
      <MeContent />
    </AntApp>
  );
}
