import { Breadcrumb, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRouterDetail, useRouterHistory } from '../../api/routers';
import { useCluster } from '../../shared/hooks/useCluster';
import { ErrorState } from '../../shared/ui/ErrorState';
import { LoadingState } from '../../shared/ui/LoadingState';
import { routerPaths } from './lib/paths';
import { MetadataPanel } from './panels/MetadataPanel';
import { PoolPanel } from './panels/PoolPanel';
import { RouterCharts } from './panels/RouterCharts';
import { RouterStateTag } from './panels/RouterStateTag';
import { RoutesTable } from './panels/RoutesTable';
import { StatusCard } from './panels/StatusCard';
import { PartialErrors } from './panels/UpstreamErrorAlert';

/** One Router: status, metadata cache, routes, charts and pools, refreshed every 5 s. */
export function RouterPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const router = useParams().router ?? '';
  const detail = useRouterDetail(cluster, router);
  const history = useRouterHistory(cluster, router);

  return (
    <Flex vertical gap={12} data-testid="router-page">
      <Breadcrumb
        items={[
          { title: <Link to={routerPaths.list(cluster)}>{t('routers.title')}</Link> },
          { title: router },
        ]}
      />
      <Flex align="center" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {router}
        </Typography.Title>
        {detail.isSuccess ? (
          <RouterStateTag state="up" />
        ) : detail.isError ? (
          <RouterStateTag state="down" />
        ) : null}
      </Flex>
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.isPending ? <LoadingState /> : null}
      {detail.data ? (
        <>
          <PartialErrors errors={detail.data.errors} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <StatusCard detail={detail.data} />
            </Col>
            <Col xs={24} lg={14}>
              <MetadataPanel caches={detail.data.metadata} />
            </Col>
          </Row>
        </>
      ) : null}
      {history.data ? <RouterCharts history={history.data} /> : null}
      {detail.data ? (
        <>
          <RoutesTable cluster={cluster} router={router} routes={detail.data.routes} />
          <PoolPanel pools={detail.data.pools} />
        </>
      ) : null}
    </Flex>
  );
}
