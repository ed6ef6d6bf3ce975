# syntax=docker/dockerfile:1
# vtdeck: the BFF serving the built web app, one process per container.
#   docker build -t vtdeck .
#   docker run -p 8080:8080 -v $PWD/vtdeck.yaml:/etc/vtdeck/config.yaml:ro \
#     -e VTDECK_SESSION_SECRET=... vtdeck
# The BFF runs from its TypeScript sources through tsx, as `npm start` runs it: the workspace
# packages export .ts files, so a tsc build would still need a loader. deploy/README.md has the rest.

ARG NODE_IMAGE=node:20-bookworm-slim

# pnpm at the version package.json pins (npm, not corepack: corepack's signature check fails offline).
FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION=10.34.9
ENV CI=true PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@${PNPM_VERSION} && pnpm --version
WORKDIR /app

# Every workspace manifest and the lockfile, so the dependency layers change only when they do.
# (A frozen install needs all of the lockfile's importers, even those it does not install.)
FROM pnpm AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/bff/package.json apps/bff/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/sandbox/package.json packages/sandbox/

# The web app: its build tools, then `vite build` into apps/web/dist.
FROM manifests AS web
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --filter "@vtdeck/web..." --store-dir /pnpm/store
COPY tsconfig.base.json ./
COPY packages/contracts/ packages/contracts/
COPY apps/web/ apps/web/
RUN pnpm --filter @vtdeck/web build

# What the BFF needs at run time, without dev dependencies.
FROM manifests AS bff-deps
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --filter "@vtdeck/bff..." --store-dir /pnpm/store

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    VTDECK_AUDIT_LOG=/var/lib/vtdeck/audit.log
WORKDIR /app
# Dependencies (pnpm's links are relative, so the tree works at the same path).
COPY --from=bff-deps /app/node_modules ./node_modules
COPY --from=bff-deps /app/apps/bff/node_modules ./apps/bff/node_modules
COPY --from=bff-deps /app/packages/contracts/node_modules ./packages/contracts/node_modules
# Sources, owned by root and read-only for the process. The sandbox's fakes are not copied:
# `--sandbox` is for laptops and CI (`npm start`), not for this image.
COPY package.json tsconfig.base.json ./
COPY apps/bff/package.json apps/bff/tsconfig.json apps/bff/
COPY apps/bff/src/ apps/bff/src/
COPY packages/contracts/package.json packages/contracts/tsconfig.json packages/contracts/
COPY packages/contracts/src/ packages/contracts/src/
# The BFF serves the web app from ../../web/dist relative to its sources (config `web.distDir`).
COPY --from=web /app/apps/web/dist ./apps/web/dist
# The audit log's directory, the only place the process writes besides /tmp (tsx's compile cache).
RUN install -d -o 10001 -g 10001 -m 0750 /var/lib/vtdeck
USER 10001:10001
EXPOSE 8080
WORKDIR /app/apps/bff
# Node itself is PID 1 (no shell in between), so SIGTERM reaches the BFF's graceful shutdown.
ENTRYPOINT ["node", "--import", "tsx", "src/main.ts"]
CMD ["--config", "/etc/vtdeck/config.yaml"]
