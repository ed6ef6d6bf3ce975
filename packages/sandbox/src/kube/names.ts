import { randomInt, randomUUID } from 'node:crypto';
import type { FieldError } from './status';

// Name rules and texts from k8s.io/apimachinery/pkg/util/validation/validation.go. The two spaces
// before "or" in the examples are real: the builder writes "'a', " then " or 'b'".
export type NameRule = 'subdomain' | 'label' | 'dns1035';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_TEXT =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_TEXT =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_TEXT =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** The rule texts a name breaks, in the order the apiserver lists them. */
export function nameProblems(rule: NameRule, name: string): string[] {
  const problems: string[] = [];
  const max = rule === 'subdomain' ? 253 : 63;
  if (name.length > max) problems.push(`must be no more than ${max} characters`);
  if (rule === 'subdomain') {
    if (!DNS1123_SUBDOMAIN.test(name)) problems.push(SUBDOMAIN_TEXT);
  } else {
    const ok = (rule === 'label' ? DNS1123_LABEL : DNS1035_LABEL).test(name);
    // A label-rule name that would be a fine subdomain only fails for its dots: say so.
    if (!ok)
      problems.push(
        DNS1123_SUBDOMAIN.test(name) && name.includes('.')
          ? 'must not contain dots'
          : rule === 'label'
            ? LABEL_TEXT
            : DNS1035_TEXT,
      );
  }
  return problems;
}

export function nameErrors(rule: NameRule, name: string, field = 'metadata.name'): FieldError[] {
  return nameProblems(rule, name).map((detail) => ({ type: 'Invalid', field, value: name, detail }));
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function labelErrors(labels: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf('/');
    const namePart = slash >= 0 ? key.slice(slash + 1) : key;
    const prefix = slash >= 0 ? key.slice(0, slash) : '';
    if (!QUALIFIED_NAME.test(namePart) || namePart.length > 63 || (prefix && !DNS1123_SUBDOMAIN.test(prefix)))
      errors.push({
        type: 'Invalid',
        field,
        value: key,
        detail:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      errors.push({
        type: 'Invalid',
        field: `${field}`,
        value,
        detail:
          typeof value === 'string' && value.length > 63
            ? 'must be no more than 63 characters'
            : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      });
  }
  return errors;
}

/** k8s.io/apimachinery/pkg/util/rand: no vowels (no words) and no look-alike characters. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** generateName: the prefix is cut to 58 characters so the name fits a 63-character label. */
export function generateName(prefix: string): string {
  return `${prefix.slice(0, 58)}${randomSuffix()}`;
}

export const newUid = (): string => randomUUID();

/** RFC 3339 with second precision and `Z`, as metav1.Time serialises. */
export function timestamp(at: number = Date.now()): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime (events' eventTime, log timestamps use RFC 3339 nano). */
export function microTimestamp(at: number = Date.now()): string {
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
