import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  ConsoleSqlOutlined,
  DashboardOutlined,
  NodeIndexOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { usePermissions } from '../../shared/hooks/usePermissions';
import { AUDIT_PATH, paths, type Section, sectionOf } from '../../shared/lib/paths';

const AUDIT = 'audit';

export function SideNav({ cluster }: { cluster: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { isAdmin } = usePermissions();
  const section = sectionOf(pathname);
  // The vtctl console belongs to the topology area.
  const selected = pathname.startsWith(AUDIT_PATH) ? AUDIT : section === 'vtctl' ? 'topology' : section;
  const clusterItem = (key: Section, icon: ReactNode, label: string) => ({
    key,
    icon,
    label,
    disabled: !cluster,
  });
  return (
    <Menu
      data-testid="side-nav"
      mode="inline"
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        if (key === AUDIT) navigate(AUDIT_PATH);
        else if (cluster) navigate(paths.section(cluster, key as Section));
      }}
      items={[
        clusterItem('topology', <ApartmentOutlined />, t('nav.topology')),
        clusterItem('sql', <ConsoleSqlOutlined />, t('nav.sql')),
        clusterItem('cluster', <ClusterOutlined />, t('nav.cluster')),
        clusterItem('routers', <NodeIndexOutlined />, t('nav.routers')),
        clusterItem('monitor', <DashboardOutlined />, t('nav.monitor')),
        // Only admins may read the log; the BFF refuses anyone else anyway.
        ...(isAdmin ? [{ key: AUDIT, icon: <AuditOutlined />, label: t('nav.audit') }] : []),
      ]}
    />
  );
}
