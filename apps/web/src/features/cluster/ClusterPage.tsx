import { LoadingOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useK8sList, useNamespaces, useTabletPod } from '../../api/k8s';
import { useCluster } from '../../shared/hooks/useCluster';
import { usePermissions } from '../../shared/hooks/usePermissions';
import { ErrorState } from '../../shared/ui/ErrorState';
import { NamespaceDrawer, RcDrawer, ServiceDrawer } from './detail/ObjectDrawers';
import { PodDrawer } from './detail/PodDrawer';
import { CreateNamespaceForm, CreatePodForm, CreateRcForm, CreateServiceForm } from './forms/CreateForms';
import { type ClusterTab, useClusterView } from './lib/urlState';
import { NamespacesTable } from './tables/NamespacesTable';
import { PodsTable } from './tables/PodsTable';
import { RcsTable } from './tables/RcsTable';
import { ServicesTable } from './tables/ServicesTable';

const STATUSES = [
  'Running',
  'Pending',
  'ContainerCreating',
  'Terminating',
  'Succeeded',
  'Failed',
  'CrashLoopBackOff',
  'ImagePullBackOff',
];

/** The Kubernetes side of a cluster: namespaces, pods, replication controllers and services, live. */
export function ClusterPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const perms = usePermissions();
  const [view, update] = useClusterView();
  const [creating, setCreating] = useState(false);
  const namespaces = useNamespaces(cluster);
  const names = namespaces.data?.items.map((n) => n.name) ?? [];
  // Without ?ns= the Vitess namespace is the one people come for.
  const ns = view.ns || names.find((n) => n.startsWith('vitess')) || names[0] || '';
  const tabletPod = useTabletPod(cluster, view.tablet || null);

  useEffect(() => {
    if (tabletPod.data) {
      update({ tab: 'pods', ns: tabletPod.data.namespace ?? '', open: tabletPod.data.name, tablet: '' });
    }
  }, [tabletPod.data, update]);

  const pods = useK8sList(cluster, 'pods', view.tab === 'pods' ? ns : '', view.labels);
  const rcs = useK8sList(cluster, 'rcs', view.tab === 'rcs' ? ns : '', view.labels);
  const services = useK8sList(cluster, 'services', view.tab === 'services' ? ns : '', view.labels);
  const canWrite = perms.can('k8s.write', { namespace: ns });
  const canDelete = perms.can('k8s.delete', { namespace: ns });
  const list = { pods, rcs, services, namespaces }[view.tab];
  const podItems = (pods.data?.items ?? []).filter((p) => !view.status || p.status === view.status);
  const open = (name: string) => update({ open: name });
  const close = () => update({ open: '' });
  const openPod = (name: string) => update({ tab: 'pods', open: name });
  const createAllowed = view.tab === 'namespaces' ? perms.can('k8s.write', {}) || canWrite : canWrite && !!ns;
  const tabs: { key: ClusterTab; label: string }[] = [
    { key: 'pods', label: t('k8s.tabs.pods') },
    { key: 'rcs', label: t('k8s.tabs.rcs') },
    { key: 'services', label: t('k8s.tabs.services') },
    { key: 'namespaces', label: t('k8s.tabs.namespaces') },
  ];

  return (
    <Flex vertical gap={12} data-testid="cluster-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('k8s.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="k8s-live">
          {list.isFetching ? t('k8s.refreshing') : t('k8s.live')}
        </Typography.Text>
      </Flex>
      {view.tablet && tabletPod.isPending ? (
        <Alert
          type="info"
          showIcon
          icon={<LoadingOutlined />}
          title={t('k8s.findingTabletPod', { alias: view.tablet })}
          data-testid="k8s-finding-tablet-pod"
        />
      ) : null}
      {view.tablet && tabletPod.isError ? (
        <Alert
          type="info"
          showIcon
          title={t('k8s.noTabletPod', { alias: view.tablet })}
          description={tabletPod.error.message}
        />
      ) : null}
      {namespaces.isError ? (
        <ErrorState error={namespaces.error} onRetry={() => void namespaces.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          {/* The create button sits beside the tab bar, not in it: a tablist may hold only tabs. */}
          <Flex align="center" gap={12}>
            <Tabs
              style={{ flex: 1, minWidth: 0 }}
              activeKey={view.tab}
              onChange={(key) => update({ tab: key as ClusterTab })}
              items={tabs.map((tab) => ({
                key: tab.key,
                label: <span data-testid={`tab-${tab.key}`}>{tab.label}</span>,
              }))}
            />
            {createAllowed ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid={`create-${view.tab}`}
              >
                {t(`k8s.createButton.${view.tab}`)}
              </Button>
            ) : null}
          </Flex>
          {view.tab !== 'namespaces' ? (
            <Flex gap={12} wrap style={{ marginBottom: 12 }} data-testid="k8s-filters">
              <Select
                value={ns || undefined}
                placeholder={t('k8s.namespace')}
                loading={namespaces.isPending}
                onChange={(value) => update({ ns: value })}
                options={names.map((n) => ({ value: n, label: n }))}
                style={{ minWidth: 200 }}
                showSearch
                data-testid="ns-select"
                aria-label={t('k8s.namespace')}
              />
              <Input.Search
                key={`${view.tab}-${view.labels}`}
                defaultValue={view.labels}
                placeholder={t('k8s.labelSelector')}
                allowClear
                enterButton={t('k8s.filter')}
                onSearch={(value) => update({ labels: value.trim() })}
                style={{ width: 360 }}
                data-testid="label-filter"
                aria-label={t('k8s.labelSelector')}
              />
              {view.tab === 'pods' ? (
                <Select
                  allowClear
                  value={view.status || undefined}
                  placeholder={t('k8s.statusFilter')}
                  onChange={(value?: string) => update({ status: value ?? '' })}
                  options={STATUSES.map((s) => ({ value: s, label: s }))}
                  style={{ minWidth: 180 }}
                  data-testid="status-filter"
                  aria-label={t('k8s.statusFilter')}
                />
              ) : null}
            </Flex>
          ) : null}
          {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
          {view.tab === 'pods' && !pods.isError ? (
            <PodsTable cluster={cluster} items={podItems} loading={pods.isPending && !!ns} onOpen={open} />
          ) : null}
          {view.tab === 'rcs' && !rcs.isError ? (
            <RcsTable
              cluster={cluster}
              namespace={ns}
              items={rcs.data?.items ?? []}
              loading={rcs.isPending && !!ns}
              canWrite={canWrite}
              canDelete={canDelete}
              onOpen={open}
            />
          ) : null}
          {view.tab === 'services' && !services.isError ? (
            <ServicesTable
              cluster={cluster}
              namespace={ns}
              items={services.data?.items ?? []}
              loading={services.isPending && !!ns}
              canDelete={canDelete}
              onOpen={open}
            />
          ) : null}
          {view.tab === 'namespaces' ? (
            <NamespacesTable
              cluster={cluster}
              items={namespaces.data?.items ?? []}
              loading={namespaces.isPending}
              canDelete={(name) => perms.can('k8s.delete', { namespace: name })}
              onOpen={open}
              onShowPods={(name) => update({ tab: 'pods', ns: name })}
            />
          ) : null}
        </Card>
      )}

      {view.open && view.tab === 'pods' ? (
        <PodDrawer cluster={cluster} namespace={ns} name={view.open} canDelete={canDelete} onClose={close} />
      ) : null}
      {view.open && view.tab === 'rcs' ? (
        <RcDrawer
          cluster={cluster}
          namespace={ns}
          name={view.open}
          canDelete={canDelete}
          onClose={close}
          onOpenPod={openPod}
        />
      ) : null}
      {view.open && view.tab === 'services' ? (
        <ServiceDrawer
          cluster={cluster}
          namespace={ns}
          name={view.open}
          canDelete={canDelete}
          onClose={close}
          onOpenPod={openPod}
        />
      ) : null}
      {view.open && view.tab === 'namespaces' ? (
        <NamespaceDrawer cluster={cluster} name={view.open} onClose={close} />
      ) : null}

      {creating && view.tab === 'namespaces' ? (
        <CreateNamespaceForm cluster={cluster} open onClose={() => setCreating(false)} />
      ) : null}
      {creating && view.tab === 'pods' ? (
        <CreatePodForm cluster={cluster} namespace={ns} open onClose={() => setCreating(false)} />
      ) : null}
      {creating && view.tab === 'rcs' ? (
        <CreateRcForm cluster={cluster} namespace={ns} open onClose={() => setCreating(false)} />
      ) : null}
      {creating && view.tab === 'services' ? (
        <CreateServiceForm cluster={cluster} namespace={ns} open onClose={() => setCreating(false)} />
      ) : null}
    </Flex>
  );
}
