import { Layout, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useParams, useSearchParams } from 'react-router';
import { defaultCluster, useClusters } from '../../api/clusters';
import { ApiError } from '../../api/errors';
import { UserMenu } from '../../features/auth/UserMenu';
import { ErrorState } from '../../shared/ui/ErrorState';
import { ClusterSwitcher } from './ClusterSwitcher';
import { HeaderControls } from './HeaderControls';
import { SideNav } from './SideNav';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  // Pages outside a cluster (the audit log) keep the navigation pointing at the default cluster.
  const { cluster } = useParams();
  const { token } = theme.useToken();
  const [searchParams] = useSearchParams();
  const { pathname } = useLocation();
  const clusters = useClusters();
  const navCluster = cluster ?? defaultCluster(clusters.data)?.name;
  const unknown = cluster && clusters.data && !clusters.data.items.some((c) => c.name === cluster);
  // The monitoring wall in kiosk mode (`?kiosk=1`) fills the screen: no header, no navigation.
  if (searchParams.get('kiosk') === '1' && /\/monitor$/.test(pathname)) return <Outlet />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          paddingInline: 20,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="product-name">
          {t('app.name')}
        </Typography.Title>
        <ClusterSwitcher current={cluster} />
        <div style={{ flex: 1 }} />
        <HeaderControls />
        <UserMenu />
      </Header>
      <Layout>
        <Sider
          width={200}
          breakpoint="lg"
          collapsedWidth={56}
          style={{
            background: token.colorBgContainer,
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <SideNav cluster={navCluster} />
        </Sider>
        <Content style={{ padding: 16, minWidth: 0 }}>
          {unknown ? (
            <ErrorState
              error={
                new ApiError({
                  status: 404,
                  code: 'CLUSTER_NOT_FOUND',
                  message: t('errors.unknownCluster', { cluster }),
                })
              }
            />
          ) : (
            <Outlet />
          )}
        </Content>
      </Layout>
    </Layout>
  );
}
