import type http from 'node:http';
import type { LogLine } from './logs';
import { RESOURCES } from './resources';
import type { KubeRuntime } from './runtime';
import { badRequest } from './status';
import type { Pod } from './types';

// GET pods/{name}/log: text/plain, with the container checks and 400 texts of pkg/registry/core/pod
// (Go list formatting `[a b]`), tailLines/sinceSeconds/limitBytes/timestamps, and `follow` streaming.

const nanoTime = (at: number) => new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

function chooseContainer(pod: Pod, requested: string | null): string {
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  const init = (pod.spec.initContainers ?? []).map((c) => c.name);
  if (!requested) {
    if (containers.length === 1) return containers[0] as string;
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${
        init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''
      }`,
    );
  }
  if (!containers.includes(requested) && !init.includes(requested))
    throw badRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

function waitingReason(pod: Pod, container: string): string | undefined {
  const cs = pod.status?.containerStatuses?.find((c) => c.name === container);
  if (!cs) return 'ContainerCreating';
  const reason = cs.state.waiting?.reason;
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') return "image can't be pulled";
  return reason;
}

export function servePodLog(
  rt: KubeRuntime,
  res: http.ServerResponse,
  namespace: string,
  name: string,
  query: URLSearchParams,
): void {
  const pod = rt.registry.get(RESOURCES.pods, namespace, name) as Pod;
  const container = chooseContainer(pod, query.get('container'));
  if (query.get('previous') === 'true')
    throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  if (!pod.spec.nodeName) {
    // Not scheduled yet: the real server answers 200 with nothing.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end();
    return;
  }
  const waiting = waitingReason(pod, container);
  if (waiting) throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting}`);

  const intParam = (key: string) => {
    const raw = query.get(key);
    if (raw === null) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw badRequest(`${key}: Invalid value: ${raw}: must be a non-negative integer`);
    return n;
  };
  const tail = intParam('tailLines');
  const since = intParam('sinceSeconds');
  const sinceTime = query.get('sinceTime');
  let limit = intParam('limitBytes');
  const timestamps = query.get('timestamps') === 'true';
  const format = (l: LogLine) => `${timestamps ? `${nanoTime(l.at)} ` : ''}${l.text}\n`;

  let lines = rt.logs.lines(pod.metadata.uid ?? '', container);
  const cutoff =
    since !== undefined ? Date.now() - since * 1000 : sinceTime ? Date.parse(sinceTime) : undefined;
  if (cutoff !== undefined) lines = lines.filter((l) => l.at >= cutoff);
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);

  const follow = query.get('follow') === 'true';
  res.writeHead(200, { 'content-type': 'text/plain', ...(follow ? { 'transfer-encoding': 'chunked' } : {}) });
  // limitBytes counts across the whole response, follow included; the stream ends when it is reached.
  const write = (text: string): boolean => {
    if (limit === undefined) {
      res.write(text);
      return true;
    }
    const chunk = Buffer.from(text).subarray(0, limit);
    res.write(chunk);
    limit -= chunk.length;
    return limit > 0;
  };
  for (const l of lines) if (!write(format(l))) return void res.end();
  if (!follow) return void res.end();

  const stop = rt.logs.follow(pod.metadata.uid ?? '', container, {
    line: (l) => {
      if (!write(format(l))) {
        stop();
        res.end();
      }
    },
    end: () => res.end(),
  });
  res.on('close', stop);
}
