import { apiStream, enc } from './http';
import { k8sBase } from './k8s';

export interface LogRequest {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  follow: boolean;
}

/**
 * A container's log: the last lines, or with `follow` every new line as it is written. `onText`
 * gets each chunk; the promise settles when the stream ends, fails, or `signal` aborts it.
 */
export async function readPodLog(
  req: LogRequest,
  onText: (chunk: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const q = new URLSearchParams({ container: req.container, tailLines: String(req.tailLines) });
  if (req.follow) q.set('follow', 'true');
  const path = `${k8sBase(req.cluster)}/namespaces/${enc(req.namespace)}/pods/${enc(req.pod)}/log?${q}`;
  const res = await apiStream(path, { signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onText(value);
    }
  } finally {
    reader.releaseLock();
  }
}
