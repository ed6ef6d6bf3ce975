/** `93784` → `1d2h`: the compact age kubectl shows. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
}

/** A tag colour for a pod status or a phase. */
export function statusColor(status: string): string {
  if (status === 'Running' || status === 'Active' || status === 'Succeeded') return 'success';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing')
    return 'processing';
  if (status === 'Terminating') return 'default';
  return 'error';
}

export const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
