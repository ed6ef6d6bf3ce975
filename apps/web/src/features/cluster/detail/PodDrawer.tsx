import { Descriptions, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useK8sDetail } from '../../../api/k8s';
import { paths } from '../../../shared/lib/paths';
import { DeleteAction } from '../DeleteAction';
import { formatAge } from '../lib/format';
import { PodStatusTag } from '../tables/PodsTable';
import { ObjectDrawer } from './ObjectDrawer';
import { PodLogs } from './PodLogs';
import { ConditionsTable, ContainersTable, EventsTable, LabelTags, VolumesTable, YamlView } from './parts';

export function PodDrawer({
  cluster,
  namespace,
  name,
  canDelete,
  onClose,
}: {
  cluster: string;
  namespace: string;
  name: string;
  canDelete: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useK8sDetail(cluster, 'pods', namespace, name);
  return (
    <ObjectDrawer
      size={960}
      title={t('k8s.podTitle', { name })}
      onClose={onClose}
      testId="pod-drawer"
      extra={
        canDelete ? (
          <DeleteAction cluster={cluster} kind="pods" namespace={namespace} name={name} onDeleted={onClose} />
        ) : null
      }
      query={detail}
    >
      {(d) => (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="pod-summary"
            items={[
              { key: 'status', label: t('k8s.col.status'), children: <PodStatusTag status={d.pod.status} /> },
              { key: 'ready', label: t('k8s.col.ready'), children: `${d.pod.ready}/${d.pod.containers}` },
              { key: 'restarts', label: t('k8s.col.restarts'), children: d.pod.restarts },
              { key: 'age', label: t('k8s.col.age'), children: formatAge(d.pod.ageSeconds) },
              { key: 'node', label: t('k8s.col.node'), children: d.pod.node ?? '—' },
              { key: 'ip', label: t('k8s.col.podIp'), children: d.pod.podIp ?? '—' },
              { key: 'controller', label: t('k8s.col.controller'), children: d.pod.controller ?? '—' },
              {
                key: 'tablet',
                label: t('k8s.col.tablet'),
                children: d.pod.tablet ? (
                  <Link
                    to={paths.topology(
                      cluster,
                      d.pod.tablet.keyspace,
                      d.pod.tablet.shard,
                      d.pod.tablet.alias,
                    )}
                    data-testid="pod-tablet-link"
                  >
                    {`${d.pod.tablet.alias} (${d.pod.tablet.keyspace}/${d.pod.tablet.shard})`}
                  </Link>
                ) : (
                  '—'
                ),
              },
              {
                key: 'labels',
                label: t('k8s.col.labels'),
                span: 2,
                children: <LabelTags labels={d.pod.labels} />,
              },
            ]}
          />
          <Tabs
            defaultActiveKey="logs"
            items={[
              {
                key: 'logs',
                label: t('k8s.tab.logs'),
                children: (
                  <PodLogs
                    cluster={cluster}
                    namespace={namespace}
                    pod={name}
                    containers={d.containers.map((c) => c.name)}
                  />
                ),
              },
              {
                key: 'containers',
                label: t('k8s.tab.containers'),
                children: <ContainersTable items={d.containers} />,
              },
              { key: 'volumes', label: t('k8s.tab.volumes'), children: <VolumesTable items={d.volumes} /> },
              {
                key: 'conditions',
                label: t('k8s.tab.conditions'),
                children: <ConditionsTable items={d.conditions} />,
              },
              {
                key: 'events',
                label: t('k8s.tab.events', { count: d.events.length }),
                children: <EventsTable items={d.events} />,
              },
              { key: 'yaml', label: 'YAML', children: <YamlView text={d.manifest} /> },
            ]}
          />
        </Flex>
      )}
    </ObjectDrawer>
  );
}
