import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY, loadManifests, REPO } from './deploy-schema';

// The Dockerfile, checked by structure (no Docker here): stages and their order, every COPY source
// present in the repository and not dropped by .dockerignore, the install steps able to use the
// frozen lockfile, and a runtime stage that holds what the BFF loads and runs as the manifests say.

interface Instruction {
  op: string;
  args: string;
  line: number;
}

interface Stage {
  name: string;
  from: string;
  steps: Instruction[];
}

function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] as string;
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\')) line = `${line.slice(0, -1)} ${(lines[++i] as string).trim()}`;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (m) out.push({ op: (m[1] as string).toUpperCase(), args: (m[2] as string).trim(), line: start + 1 });
  }
  return out;
}

const text = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const all = instructions(text);
const args = Object.fromEntries(
  all
    .filter((i) => i.op === 'ARG' && i.args.includes('='))
    .map((i) => i.args.split('=', 2) as [string, string]),
);
const stages: Stage[] = [];
for (const i of all) {
  if (i.op === 'FROM') {
    const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
    stages.push({ name: m?.[2] ?? String(stages.length), from: m?.[1] ?? '', steps: [] });
  } else stages.at(-1)?.steps.push(i);
}
const stage = (name: string) => {
  const s = stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};
const expand = (s: string) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? `$${a ?? b}`);

/** COPY's flags, sources and destination (JSON form not used here). */
function copyOf(i: Instruction) {
  const words = i.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) as string };
}

/** Docker's .dockerignore: patterns match the path or any of its parents; `**` spans directories. */
function ignoredBy(patterns: string[]) {
  const res = patterns.map((p) => {
    const body = p
      .replace(/^\//, '')
      .replace(/\/$/, '')
      .split('/')
      .map((part) =>
        part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
      )
      .join('/')
      .replace(/\.\*\//g, '(.*/)?');
    return new RegExp(`^${body}$`);
  });
  return (path: string) => {
    const parts = path.replace(/\/$/, '').split('/');
    return parts.some((_, i) => res.some((re) => re.test(parts.slice(0, i + 1).join('/'))));
  };
}
const ignored = ignoredBy(
  readFileSync(join(REPO, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

const rootPkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const bffPkg = JSON.parse(readFileSync(join(REPO, 'apps/bff/package.json'), 'utf8'));
const workspacePackages = (
  parse(readFileSync(join(REPO, 'pnpm-workspace.yaml'), 'utf8')).packages as string[]
)
  .flatMap((glob) => {
    const base = glob.replace(/\/\*$/, '');
    return readdirSync(join(REPO, base)).map((d) => `${base}/${d}`);
  })
  .filter((dir) => existsSync(join(REPO, dir, 'package.json')));

describe('Dockerfile', () => {
  it('builds in stages on node:20-bookworm-slim and ends with the runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['pnpm', 'manifests', 'web', 'bff-deps', 'runtime']);
    for (const s of stages) {
      const from = expand(s.from);
      expect(
        from === 'node:20-bookworm-slim' || stages.some((x) => x.name === from),
        `${s.name}: ${from}`,
      ).toBe(true);
    }
    expect(expand(stage('runtime').from)).toBe('node:20-bookworm-slim');
  });

  it('installs the pnpm version package.json pins', () => {
    expect(`pnpm@${args.PNPM_VERSION}`).toBe(rootPkg.packageManager);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const problems: string[] = [];
    for (const s of stages) {
      for (const i of s.steps.filter((x) => x.op === 'COPY')) {
        const c = copyOf(i);
        if (c.from) {
          const earlier = stages.slice(0, stages.indexOf(s)).map((x) => x.name);
          if (!earlier.includes(c.from))
            problems.push(`line ${i.line}: --from=${c.from} is not an earlier stage`);
          continue;
        }
        for (const src of c.sources) {
          if (!existsSync(join(REPO, src))) problems.push(`line ${i.line}: ${src} does not exist`);
          else if (ignored(src)) problems.push(`line ${i.line}: ${src} is excluded by .dockerignore`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps local build output, dependencies and tests out of the build context', () => {
    for (const path of [
      'node_modules',
      'apps/web/node_modules',
      'apps/web/dist',
      '.git',
      '.vtdeck',
      'apps/bff/test',
    ])
      expect(ignored(path), path).toBe(true);
    for (const path of ['apps/bff/src/main.ts', 'packages/contracts/src/index.ts', 'pnpm-lock.yaml'])
      expect(ignored(path), path).toBe(false);
  });

  it('gives the frozen install every workspace manifest the lockfile names', () => {
    const copied = stage('manifests')
      .steps.filter((i) => i.op === 'COPY')
      .flatMap((i) => copyOf(i).sources);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']));
    expect(workspacePackages.length).toBeGreaterThanOrEqual(4);
    for (const dir of workspacePackages) expect(copied, dir).toContain(`${dir}/package.json`);
    for (const name of ['web', 'bff-deps']) {
      const runs = stage(name)
        .steps.filter((i) => i.op === 'RUN')
        .map((i) => i.args);
      expect(runs.some((r) => /pnpm install --frozen-lockfile/.test(r))).toBe(true);
    }
    expect(stage('bff-deps').steps.some((i) => /--prod --filter "@vtdeck\/bff\.\.\."/.test(i.args))).toBe(
      true,
    );
  });

  it('builds the web app where the BFF serves it from', () => {
    expect(
      stage('web').steps.some((i) => i.op === 'RUN' && /pnpm --filter @vtdeck\/web build/.test(i.args)),
    ).toBe(true);
    const dist = stage('runtime')
      .steps.filter((i) => i.op === 'COPY')
      .map(copyOf)
      .find((c) => c.from === 'web');
    expect(dist).toEqual({ from: 'web', sources: ['/app/apps/web/dist'], dest: './apps/web/dist' });
    // config.ts: web.distDir defaults to ../../web/dist from apps/bff/src.
    expect(readFileSync(join(REPO, 'apps/bff/src/config.ts'), 'utf8')).toContain(
      "new URL('../../web/dist', import.meta.url)",
    );
  });

  it('runs the BFF through tsx, a runtime dependency of the BFF, from sources it copies', () => {
    const runtime = stage('runtime');
    const entry = runtime.steps.find((i) => i.op === 'ENTRYPOINT');
    expect(JSON.parse(entry?.args ?? '[]')).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    expect(bffPkg.dependencies.tsx).toBeDefined();
    const workdir = runtime.steps.filter((i) => i.op === 'WORKDIR').at(-1)?.args;
    expect(workdir).toBe('/app/apps/bff');
    const copied = runtime.steps
      .filter((i) => i.op === 'COPY' && !copyOf(i).from)
      .flatMap((i) => copyOf(i).sources);
    // Every workspace package the BFF loads in production: its own sources and contracts. The
    // sandbox is imported only as a type and under --sandbox, so the image does without it.
    expect(copied).toEqual(
      expect.arrayContaining(['apps/bff/src/', 'packages/contracts/src/', 'tsconfig.base.json']),
    );
    const main = readFileSync(join(REPO, 'apps/bff/src/main.ts'), 'utf8');
    const sandboxImports = [...main.matchAll(/^import .*'@vtdeck\/sandbox'/gm)].map((m) => m[0]);
    expect(sandboxImports.every((l) => l.startsWith('import type'))).toBe(true);
    for (const [dep, version] of Object.entries(bffPkg.dependencies as Record<string, string>)) {
      if (!version.startsWith('workspace:') || dep === '@vtdeck/sandbox') continue;
      expect(copied, dep).toContain(`packages/${dep.replace('@vtdeck/', '')}/src/`);
    }
  });

  it('runs as the non-root user, on the port and with the writable paths the Deployment expects', () => {
    const runtime = stage('runtime');
    const user = runtime.steps.find((i) => i.op === 'USER')?.args ?? '';
    const [uid, gid] = user.split(':').map(Number);
    const deployment = loadManifests(DEPLOY).find((m) => m.doc.kind === 'Deployment')?.doc;
    const pod = deployment?.spec.template.spec;
    expect(uid).toBeGreaterThan(0);
    expect(pod.securityContext).toMatchObject({ runAsUser: uid, runAsGroup: gid });
    const expose = Number(runtime.steps.find((i) => i.op === 'EXPOSE')?.args);
    expect(pod.containers[0].ports[0].containerPort).toBe(expose);
    const env = runtime.steps.find((i) => i.op === 'ENV')?.args ?? '';
    expect(env).toContain(`PORT=${expose}`);
    const audit = /VTDECK_AUDIT_LOG=(\S+)/.exec(env)?.[1] as string;
    // The audit directory exists in the image and belongs to the user (for `docker run` without volumes).
    expect(
      runtime.steps.some(
        (i) =>
          i.op === 'RUN' && i.args.includes(`-o ${uid} -g ${gid}`) && i.args.includes(posix.dirname(audit)),
      ),
    ).toBe(true);
    expect(dirname(audit)).toBe('/var/lib/vtdeck');
  });
});
