import { Descriptions, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useK8sDetail, useNamespaceDetail } from '../../../api/k8s';
import { DeleteAction } from '../DeleteAction';
import { formatAge, labelText } from '../lib/format';
import { PodsTable } from '../tables/PodsTable';
import { portsText } from '../tables/ServicesTable';
import { ObjectDrawer } from './ObjectDrawer';
import { ContainersTable, EventsTable, LabelTags, VolumesTable, YamlView } from './parts';

interface DrawerProps {
  cluster: string;
  namespace: string;
  name: string;
  canDelete: boolean;
  onClose: () => void;
  onOpenPod: (name: string) => void;
}

export function RcDrawer({ cluster, namespace, name, canDelete, onClose, onOpenPod }: DrawerProps) {
  const { t } = useTranslation();
  const detail = useK8sDetail(cluster, 'rcs', namespace, name);
  return (
    <ObjectDrawer
      size={900}
      title={t('k8s.rcTitle', { name })}
      onClose={onClose}
      testId="rc-drawer"
      extra={
        canDelete ? (
          <DeleteAction cluster={cluster} kind="rcs" namespace={namespace} name={name} onDeleted={onClose} />
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
            items={[
              {
                key: 'replicas',
                label: t('k8s.col.replicas'),
                children: `${d.rc.ready}/${d.rc.desired} (${d.rc.current})`,
              },
              { key: 'age', label: t('k8s.col.age'), children: formatAge(d.rc.ageSeconds) },
              { key: 'selector', label: t('k8s.col.selector'), span: 2, children: labelText(d.rc.selector) },
              {
                key: 'labels',
                label: t('k8s.col.labels'),
                span: 2,
                children: <LabelTags labels={d.rc.labels} />,
              },
            ]}
          />
          <Tabs
            items={[
              {
                key: 'pods',
                label: t('k8s.tab.pods', { count: d.pods.length }),
                children: <PodsTable cluster={cluster} items={d.pods} onOpen={onOpenPod} />,
              },
              {
                key: 'containers',
                label: t('k8s.tab.template'),
                children: <ContainersTable items={d.containers} withStatus={false} />,
              },
              { key: 'volumes', label: t('k8s.tab.volumes'), children: <VolumesTable items={d.volumes} /> },
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

export function ServiceDrawer({ cluster, namespace, name, canDelete, onClose, onOpenPod }: DrawerProps) {
  const { t } = useTranslation();
  const detail = useK8sDetail(cluster, 'services', namespace, name);
  return (
    <ObjectDrawer
      size={900}
      title={t('k8s.svcTitle', { name })}
      onClose={onClose}
      testId="svc-drawer"
      extra={
        canDelete ? (
          <DeleteAction
            cluster={cluster}
            kind="services"
            namespace={namespace}
            name={name}
            onDeleted={onClose}
          />
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
            items={[
              { key: 'type', label: t('k8s.col.type'), children: d.service.type },
              { key: 'ip', label: t('k8s.col.clusterIp'), children: d.service.clusterIp ?? '—' },
              { key: 'ports', label: t('k8s.col.ports'), span: 2, children: portsText(d.service) },
              {
                key: 'selector',
                label: t('k8s.col.selector'),
                span: 2,
                children: labelText(d.service.selector) || '—',
              },
              {
                key: 'labels',
                label: t('k8s.col.labels'),
                span: 2,
                children: <LabelTags labels={d.service.labels} />,
              },
            ]}
          />
          <Tabs
            items={[
              {
                key: 'pods',
                label: t('k8s.tab.pods', { count: d.pods.length }),
                children: <PodsTable cluster={cluster} items={d.pods} onOpen={onOpenPod} />,
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

export function NamespaceDrawer({
  cluster,
  name,
  onClose,
}: {
  cluster: string;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useNamespaceDetail(cluster, name);
  return (
    <ObjectDrawer
      size={760}
      title={t('k8s.nsTitle', { name })}
      onClose={onClose}
      testId="ns-drawer"
      query={detail}
    >
      {(d) => (
        <Tabs
          items={[
            { key: 'yaml', label: 'YAML', children: <YamlView text={d.manifest} /> },
            {
              key: 'events',
              label: t('k8s.tab.events', { count: d.events.length }),
              children: <EventsTable items={d.events} />,
            },
          ]}
        />
      )}
    </ObjectDrawer>
  );
}
