import { Button, Flex, InputNumber, Select, Switch, Typography, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readPodLog } from '../../../api/k8sLogs';
import { ErrorState } from '../../../shared/ui/ErrorState';

const MAX_CHARS = 512 * 1024;

/** A container's log: the last lines, or followed live (the BFF streams the API's `follow=true`). */
export function PodLogs({
  cluster,
  namespace,
  pod,
  containers,
}: {
  cluster: string;
  namespace: string;
  pod: string;
  containers: string[];
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [container, setContainer] = useState(containers[0] ?? '');
  const [tailLines, setTailLines] = useState(200);
  const [follow, setFollow] = useState(true);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [streaming, setStreaming] = useState(false);
  const box = useRef<HTMLPreElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is the Reload button's way to restart the stream
  useEffect(() => {
    if (!container) return;
    const controller = new AbortController();
    setText('');
    setError(null);
    setStreaming(true);
    readPodLog(
      { cluster, namespace, pod, container, tailLines, follow },
      (chunk) => setText((prev) => (prev + chunk).slice(-MAX_CHARS)),
      controller.signal,
    )
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setStreaming(false);
      });
    return () => controller.abort();
  }, [cluster, namespace, pod, container, tailLines, follow, reload]);

  // Stay at the bottom while following, as `kubectl logs -f` does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new chunk of `text`
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text, follow]);

  return (
    <Flex vertical gap={8} data-testid="pod-logs">
      <Flex gap={12} align="center" wrap>
        <Select
          size="small"
          value={container}
          onChange={setContainer}
          options={containers.map((c) => ({ value: c, label: c }))}
          style={{ minWidth: 140 }}
          data-testid="logs-container"
          aria-label={t('k8s.logs.container')}
        />
        <span>
          {t('k8s.logs.tail')}{' '}
          <InputNumber
            size="small"
            min={1}
            max={10000}
            value={tailLines}
            onChange={(v) => v && setTailLines(v)}
            aria-label={t('k8s.logs.tail')}
          />
        </span>
        <span>
          <Switch
            size="small"
            checked={follow}
            onChange={setFollow}
            data-testid="logs-follow"
            aria-label={t('k8s.logs.follow')}
          />{' '}
          {t('k8s.logs.follow')}
        </span>
        <Button size="small" loading={streaming && !follow} onClick={() => setReload((n) => n + 1)}>
          {t('k8s.logs.reload')}
        </Button>
        <Typography.Text type="secondary" data-testid="logs-state">
          {follow && streaming ? t('k8s.logs.live') : t('k8s.logs.stopped')}
        </Typography.Text>
      </Flex>
      {error ? <ErrorState error={error} /> : null}
      {/* biome-ignore lint/a11y/useSemanticElements: <pre> keeps the log's whitespace, the role names it */}
      <pre
        ref={box}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log takes focus so the keyboard can scroll it
        tabIndex={0}
        role="region"
        aria-label={t('k8s.logs.label', { container })}
        data-testid="logs-text"
        style={{
          margin: 0,
          padding: 12,
          height: 420,
          overflow: 'auto',
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          lineHeight: 1.5,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {text || (streaming ? t('k8s.logs.waiting') : t('k8s.logs.empty'))}
      </pre>
    </Flex>
  );
}
