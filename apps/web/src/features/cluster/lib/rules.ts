import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

// The BFF's name and number rules (packages/contracts/src/k8s.ts), repeated here so forms say what
// is wrong while typing; the BFF checks again. Copied, not imported: contracts' values bring the
// schema library into the bundle.

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const CELL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const KEYSPACE = /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/;
export const SHARD = /^(0|[0-9a-fA-F]*-[0-9a-fA-F]*)$/;
export const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
export const FLAGS = /^[-A-Za-z0-9_=.,:/' @+]*$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const required = (t: TFunction): Rule => ({ required: true, message: t('k8s.rules.required') });

export const pattern = (re: RegExp, message: string, max = 63): Rule[] => [
  { pattern: re, message },
  { max, message },
];

export const portRule = (t: TFunction): Rule => ({
  type: 'integer',
  min: 1,
  max: 65535,
  message: t('k8s.rules.port'),
});

/** `key=value` per line (or comma-separated) → labels; throws the line that is not a label. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at).trim();
    const value = at < 0 ? '' : part.slice(at + 1).trim();
    if (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value) || value.length > 63) throw new Error(part);
    labels[key] = value;
  }
  return labels;
}

export const labelsRule = (t: TFunction): Rule => ({
  validator: async (_rule, value: string | undefined) => {
    try {
      parseLabels(value ?? '');
    } catch (err) {
      throw new Error(t('k8s.rules.labels', { line: (err as Error).message }));
    }
  },
});
