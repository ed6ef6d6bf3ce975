import type { K8sPodCreate, K8sRcCreate, K8sServiceCreate } from '@vtdeck/contracts';
import { Form, Input, InputNumber, message, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCreateK8s, useCreateNamespace } from '../../../api/k8sMutations';
import {
  CELL,
  DNS1123_LABEL,
  FLAGS,
  IMAGE,
  KEYSPACE,
  labelsRule,
  parseLabels,
  pattern,
  portRule,
  required,
  SHARD,
} from '../lib/rules';
import { CreateDialog } from './CreateDialog';

function createdThen(t: TFunction, name: string, onClose: (created?: string) => void) {
  void message.success(t('k8s.created', { name }));
  onClose(name);
}

// One create form per object the seed can make, with the seed's fields and the BFF's rules inline.

interface FormProps {
  cluster: string;
  namespace: string;
  open: boolean;
  onClose: (created?: string) => void;
}

export function CreateNamespaceForm({ cluster, open, onClose }: Omit<FormProps, 'namespace'>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; labels?: string }>();
  const create = useCreateNamespace(cluster);
  return (
    <CreateDialog
      open={open}
      title={t('k8s.createTitle.namespaces')}
      form={form}
      pending={create.isPending}
      error={create.error}
      testId="create-namespace"
      onCancel={() => onClose()}
      onSubmit={(v) =>
        create.mutate(
          { name: v.name, labels: parseLabels(v.labels ?? '') },
          { onSuccess: (r) => createdThen(t, r.name, onClose) },
        )
      }
    >
      <Form.Item
        name="name"
        label={t('k8s.field.name')}
        rules={[required(t), ...pattern(DNS1123_LABEL, t('k8s.rules.dnsLabel'))]}
      >
        <Input autoFocus placeholder="vitess-test" data-testid="field-name" />
      </Form.Item>
      <Form.Item
        name="labels"
        label={t('k8s.field.labels')}
        extra={t('k8s.help.labels')}
        rules={[labelsRule(t)]}
      >
        <Input.TextArea rows={3} placeholder={'team=dba\nenv=test'} data-testid="field-labels" />
      </Form.Item>
    </CreateDialog>
  );
}

function CommonVitessFields({ withFlags }: { withFlags?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="image"
        label={t('k8s.field.image')}
        extra={t('k8s.help.image')}
        rules={pattern(IMAGE, t('k8s.rules.image'), 255)}
      >
        <Input placeholder="vitess/lite" data-testid="field-image" />
      </Form.Item>
      {withFlags ? (
        <Form.Item
          name="backupFlags"
          label={t('k8s.field.backupFlags')}
          rules={pattern(FLAGS, t('k8s.rules.flags'), 1024)}
        >
          <Input placeholder="-backup_storage_implementation file" data-testid="field-backupFlags" />
        </Form.Item>
      ) : null}
    </>
  );
}

const cellRules = (t: Parameters<typeof required>[0]) => [
  required(t),
  ...pattern(CELL, t('k8s.rules.cell'), 54),
];

export function CreatePodForm({ cluster, namespace, open, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<K8sPodCreate>();
  const create = useCreateK8s(cluster, 'pods', namespace);
  return (
    <CreateDialog
      open={open}
      title={t('k8s.createTitle.pods', { namespace })}
      form={form}
      pending={create.isPending}
      error={create.error}
      testId="create-pod"
      initialValues={{
        port: 15002,
        grpcPort: 16002,
        tabletType: 'replica',
        vtdatarootVolume: 'emptyDir: {}',
      }}
      onCancel={() => onClose()}
      onSubmit={(v) =>
        create.mutate(v, {
          onSuccess: (r) => createdThen(t, r.name, onClose),
        })
      }
    >
      <Form.Item
        name="uid"
        label={t('k8s.field.uid')}
        extra={t('k8s.help.uid')}
        rules={[required(t), { type: 'integer', min: 0, max: 4294967295, message: t('k8s.rules.uid') }]}
      >
        <InputNumber style={{ width: '100%' }} precision={0} placeholder="100" data-testid="field-uid" />
      </Form.Item>
      <Form.Item name="cell" label={t('k8s.field.cell')} rules={cellRules(t)}>
        <Input placeholder="zone1" data-testid="field-cell" />
      </Form.Item>
      <Form.Item
        name="keyspace"
        label={t('k8s.field.keyspace')}
        rules={[required(t), ...pattern(KEYSPACE, t('k8s.rules.keyspace'))]}
      >
        <Input placeholder="commerce" data-testid="field-keyspace" />
      </Form.Item>
      <Form.Item
        name="shard"
        label={t('k8s.field.shard')}
        rules={[required(t), ...pattern(SHARD, t('k8s.rules.shard'), 64)]}
      >
        <Input placeholder="-80" data-testid="field-shard" />
      </Form.Item>
      <Form.Item name="tabletType" label={t('k8s.field.tabletType')}>
        <Select
          options={['replica', 'rdonly', 'spare', 'experimental', 'master'].map((v) => ({
            value: v,
            label: v,
          }))}
        />
      </Form.Item>
      <Form.Item name="port" label={t('k8s.field.port')} rules={[required(t), portRule(t)]}>
        <InputNumber style={{ width: '100%' }} precision={0} data-testid="field-port" />
      </Form.Item>
      <Form.Item name="grpcPort" label={t('k8s.field.grpcPort')} rules={[required(t), portRule(t)]}>
        <InputNumber style={{ width: '100%' }} precision={0} data-testid="field-grpcPort" />
      </Form.Item>
      <CommonVitessFields withFlags />
      <Form.Item name="vtdatarootVolume" label={t('k8s.field.vtdatarootVolume')} extra={t('k8s.help.volume')}>
        <Input placeholder="emptyDir: {}" data-testid="field-volume" />
      </Form.Item>
    </CreateDialog>
  );
}

export function CreateRcForm({ cluster, namespace, open, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<K8sRcCreate>();
  const type = Form.useWatch('type', form) ?? 'etcd';
  const create = useCreateK8s(cluster, 'rcs', namespace);
  return (
    <CreateDialog
      open={open}
      title={t('k8s.createTitle.rcs', { namespace })}
      form={form}
      pending={create.isPending}
      error={create.error}
      testId="create-rc"
      initialValues={{ type: 'etcd', replicas: 3 }}
      onCancel={() => onClose()}
      onSubmit={(v) =>
        create.mutate(v, {
          onSuccess: (r) => createdThen(t, r.name, onClose),
        })
      }
    >
      <Form.Item name="type" label={t('k8s.field.type')} extra={t(`k8s.help.rc.${type}`)}>
        <Select
          data-testid="field-type"
          options={[
            { value: 'etcd', label: 'Etcd' },
            { value: 'vtctld', label: 'Vtctld' },
            { value: 'vtgate', label: 'Vtgate' },
          ]}
        />
      </Form.Item>
      <Form.Item name="cell" label={t('k8s.field.cell')} rules={cellRules(t)}>
        <Input placeholder="zone1" data-testid="field-cell" />
      </Form.Item>
      <Form.Item
        name="replicas"
        label={t('k8s.field.replicas')}
        rules={[{ type: 'integer', min: 0, max: 100, message: t('k8s.rules.replicas') }]}
      >
        <InputNumber style={{ width: '100%' }} precision={0} data-testid="field-replicas" />
      </Form.Item>
      {type !== 'etcd' ? <CommonVitessFields withFlags={type === 'vtctld'} /> : null}
      {type === 'vtctld' ? (
        <Form.Item
          name="testFlags"
          label={t('k8s.field.testFlags')}
          rules={pattern(FLAGS, t('k8s.rules.flags'), 1024)}
        >
          <Input placeholder="-enable_queries" />
        </Form.Item>
      ) : null}
      {type === 'vtgate' ? (
        <Form.Item name="mysqlServerPort" label={t('k8s.field.mysqlServerPort')} rules={[portRule(t)]}>
          <InputNumber style={{ width: '100%' }} precision={0} placeholder="3306" />
        </Form.Item>
      ) : null}
    </CreateDialog>
  );
}

export function CreateServiceForm({ cluster, namespace, open, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<K8sServiceCreate>();
  const type = Form.useWatch('type', form) ?? 'etcdlb';
  const create = useCreateK8s(cluster, 'services', namespace);
  return (
    <CreateDialog
      open={open}
      title={t('k8s.createTitle.services', { namespace })}
      form={form}
      pending={create.isPending}
      error={create.error}
      testId="create-service"
      initialValues={{ type: 'etcdlb', serviceType: 'ClusterIP' }}
      onCancel={() => onClose()}
      onSubmit={(v) =>
        create.mutate(v, {
          onSuccess: (r) => createdThen(t, r.name, onClose),
        })
      }
    >
      <Form.Item name="type" label={t('k8s.field.type')} extra={t(`k8s.help.svc.${type}`)}>
        <Select
          data-testid="field-type"
          options={[
            { value: 'etcdlb', label: t('k8s.svcType.etcdlb') },
            { value: 'etcdcb', label: t('k8s.svcType.etcdcb') },
            { value: 'vtctld', label: 'Vtctld' },
            { value: 'vtgate', label: 'Vtgate' },
          ]}
        />
      </Form.Item>
      {type !== 'vtctld' ? (
        <Form.Item name="cell" label={t('k8s.field.cell')} rules={cellRules(t)}>
          <Input placeholder="zone1" data-testid="field-cell" />
        </Form.Item>
      ) : (
        <Form.Item name="serviceType" label={t('k8s.field.serviceType')}>
          <Select options={['ClusterIP', 'NodePort', 'LoadBalancer'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
      )}
      {type === 'vtgate' ? (
        <Form.Item name="mysqlServerPort" label={t('k8s.field.mysqlServerPort')} rules={[portRule(t)]}>
          <InputNumber style={{ width: '100%' }} precision={0} placeholder="3306" />
        </Form.Item>
      ) : null}
    </CreateDialog>
  );
}
