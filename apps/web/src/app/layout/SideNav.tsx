import {
  ApartmentOutlined,
  ClusterOutlined,
  ConsoleSqlOutlined,
  DashboardOutlined,
  NodeIndexOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { paths, type Section, sectionOf } from '../../shared/lib/paths';

export function SideNav({ cluster }: { cluster: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const section = sectionOf(useLocation().pathname);
  // The vtctl console belongs to the topology area.
  const selected: Section = section === 'vtctl' ? 'topology' : section;
  return (
    <Menu
      data-testid="side-nav"
      mode="inline"
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => navigate(paths.section(cluster, key as Section))}
      items={[
        { key: 'topology', icon: <ApartmentOutlined />, label: t('nav.topology') },
        { key: 'sql', icon: <ConsoleSqlOutlined />, label: t('nav.sql') },
        { key: 'cluster', icon: <ClusterOutlined />, label: t('nav.cluster') },
        { key: 'routers', icon: <NodeIndexOutlined />, label: t('nav.routers') },
        { key: 'monitor', icon: <DashboardOutlined />, label: t('nav.monitor') },
      ]}
    />
  );
}
