import { DeleteOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { K8sKind } from '../../api/k8sKeys';
import { useDeleteK8s, useDeleteNamespace } from '../../api/k8sMutations';
import { ErrorState } from '../../shared/ui/ErrorState';
import { TypedConfirm } from '../../shared/ui/TypedConfirm';

/** Delete one object after its name is typed; an RC goes with its pods (the BFF asks for that). */
export function DeleteAction({
  cluster,
  kind,
  namespace,
  name,
  onDeleted,
  compact,
}: {
  cluster: string;
  kind: K8sKind | 'namespaces';
  namespace: string;
  name: string;
  onDeleted?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const deleteObject = useDeleteK8s(cluster, kind === 'namespaces' ? 'pods' : kind, namespace);
  const deleteNamespace = useDeleteNamespace(cluster);
  const mutation = kind === 'namespaces' ? deleteNamespace : deleteObject;
  return (
    <>
      <Button
        danger
        size="small"
        type={compact ? 'text' : 'default'}
        icon={<DeleteOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          mutation.reset();
          setOpen(true);
        }}
        data-testid={`delete-${kind}-${name}`}
        aria-label={t('k8s.delete')}
      >
        {compact ? null : t('k8s.delete')}
      </Button>
      <TypedConfirm
        open={open}
        title={t(`k8s.deleteTitle.${kind}`, { name })}
        warning={t(`k8s.deleteWarning.${kind}`, { name, namespace })}
        expected={name}
        okText={t('k8s.delete')}
        loading={mutation.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          mutation.mutate(name, {
            onSuccess: () => {
              setOpen(false);
              void message.success(t('k8s.deleted', { name }));
              onDeleted?.();
            },
          })
        }
      >
        {mutation.isError ? <ErrorState error={mutation.error} /> : null}
      </TypedConfirm>
    </>
  );
}
