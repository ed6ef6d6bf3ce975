import type { RouterHistory } from '@vtdeck/contracts';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../charts/LineChart';

/** Charts of the shared poll history (up to an hour at the poll interval). */
export function RouterCharts({ history }: { history: RouterHistory }) {
  const { t } = useTranslation();
  const hasMetadata = history.refreshes.some((v) => v !== null);
  // A Router without a metadata cache has no refreshes to chart: two wider charts instead of three.
  const span = hasMetadata ? 8 : 12;
  return (
    <Row gutter={[12, 12]} data-testid="router-charts">
      <Col xs={24} lg={span}>
        <Card size="small" title={t('routers.charts.active')}>
          <LineChart
            testId="chart-active"
            times={history.times}
            series={history.routes.map((r) => ({ name: r.name, values: r.active }))}
            emptyText={t('routers.charts.noData')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={span}>
        <Card size="small" title={t('routers.charts.newConnections')}>
          <LineChart
            testId="chart-new-connections"
            times={history.times}
            series={history.routes.map((r) => ({ name: r.name, values: r.newConnections }))}
            formatValue={(v) => v.toFixed(v < 10 ? 1 : 0)}
            emptyText={t('routers.charts.noData')}
          />
        </Card>
      </Col>
      {hasMetadata ? (
        <Col xs={24} lg={span}>
          <Card size="small" title={t('routers.charts.refreshFailures')}>
            <LineChart
              testId="chart-refresh-failures"
              times={history.times}
              series={[
                { name: t('routers.charts.failed'), values: history.refreshFailures, color: '#cf1322' },
                { name: t('routers.charts.succeeded'), values: history.refreshes, color: '#52c41a' },
              ]}
              emptyText={t('routers.charts.noData')}
            />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
