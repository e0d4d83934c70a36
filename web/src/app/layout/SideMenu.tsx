import { HomeOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../session';
import { areaNavFor } from '../modules';
import { systemNavFor } from './nav';

/** The side menu by area; only areas the person may use are listed. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const system = systemNavFor(me);
  const work = areaNavFor(me);
  // The entry whose path is the longest prefix of the address (/inspections/summary is its own entry,
  // /inspections/:id belongs to /inspections).
  const paths = [...work.map((i) => i.path), ...system.map((i) => i.path), '/account'];
  const selected = pathname === '/' ? '/' : (paths.filter((p) => pathname === p || pathname.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0] ?? `/${pathname.split('/')[1]}`);
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined aria-hidden />, label: <Link to="/">{t('nav.home')}</Link> },
    ...work.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{t(i.label as never)}</Link> })),
    ...(system.length
      ? [
          {
            key: 'system',
            icon: <SettingOutlined aria-hidden />,
            label: t('nav.system'),
            children: system.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{t(`nav.${i.area}`)}</Link> })),
          },
        ]
      : []),
    { key: '/account', icon: <UserOutlined aria-hidden />, label: <Link to="/account">{t('nav.account')}</Link> },
  ];
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={['system']}
      onClick={({ key }) => {
        if (key !== pathname) navigate(key);
        onNavigate?.();
      }}
      className="side-menu"
    />
  );
}
