import { ColumnHeightOutlined } from '@ant-design/icons';
import type { K8sRc } from '@vtdeck/contracts';
import { Button, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScaleRc } from '../../../api/k8sMutations';
import { ErrorState } from '../../../shared/ui/ErrorState';

/** Sets an RC's replicas; the controller then adds or removes pods. */
export function ScaleAction({ cluster, namespace, rc }: { cluster: string; namespace: string; rc: K8sRc }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [replicas, setReplicas] = useState<number | null>(rc.desired);
  const scale = useScaleRc(cluster, namespace);
  return (
    <>
      <Button
        size="small"
        type="text"
        icon={<ColumnHeightOutlined />}
        aria-label={t('k8s.scale')}
        data-testid={`scale-${rc.name}`}
        onClick={(e) => {
          e.stopPropagation();
          setReplicas(rc.desired);
          scale.reset();
          setOpen(true);
        }}
      />
      <Modal
        open={open}
        title={t('k8s.scaleTitle', { name: rc.name })}
        okText={t('k8s.scale')}
        okButtonProps={{ disabled: replicas === null, loading: scale.isPending, 'data-testid': 'scale-ok' }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          replicas !== null && scale.mutate({ name: rc.name, replicas }, { onSuccess: () => setOpen(false) })
        }
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('k8s.scaleHelp', { desired: rc.desired, ready: rc.ready })}
          </Typography.Text>
          <InputNumber
            min={0}
            max={100}
            precision={0}
            value={replicas}
            onChange={setReplicas}
            data-testid="scale-input"
            aria-label={t('k8s.field.replicas')}
          />
          {scale.isError ? <ErrorState error={scale.error} /> : null}
        </Space>
      </Modal>
    </>
  );
}
