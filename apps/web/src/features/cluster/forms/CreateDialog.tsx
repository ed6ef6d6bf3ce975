import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/ui/ErrorState';

/** The frame of every create form: a modal whose OK submits the form; the BFF's refusal shows inside. */
export function CreateDialog<T extends object>({
  open,
  title,
  form,
  pending,
  error,
  onCancel,
  onSubmit,
  initialValues,
  children,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (values: T) => void;
  initialValues?: Partial<T>;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('k8s.create')}
      okButtonProps={{ loading: pending, 'data-testid': `${testId}-submit` }}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form<T>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={initialValues}
        onFinish={onSubmit}
        data-testid={testId}
        preserve={false}
      >
        {children}
      </Form>
      {error ? <ErrorState error={error} /> : null}
    </Modal>
  );
}
