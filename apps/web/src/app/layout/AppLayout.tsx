import { Flex, Layout, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useClusters } from '../../api/clusters';
import { ApiError } from '../../api/errors';
import { useCluster } from '../../shared/hooks/useCluster';
import { ErrorState } from '../../shared/ui/ErrorState';
import { ClusterSwitcher } from './ClusterSwitcher';
import { HeaderControls } from './HeaderControls';
import { SideNav } from './SideNav';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const { token } = theme.useToken();
  const clusters = useClusters();
  const unknown = clusters.data && !clusters.data.items.some((c) => c.name === cluster);
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
        <Flex flex={1} />
        <HeaderControls />
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
          <SideNav cluster={cluster} />
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
