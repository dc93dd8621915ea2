# chatbot-analytics-sandbox: build with the toolchain, run on the slim base as `node`.
#
#   docker build -t chatbot-analytics-sandbox .
#   docker run -v sandbox-data:/data -p 3000:3000 chatbot-analytics-sandbox
#
# Every setting comes from the environment at run time (README, Configuration); nothing secret
# is baked in. The dataset is seeded into /data on the first start and reused afterwards.

# --- deps: every dependency; better-sqlite3 compiles here (node-gyp needs python3, make, g++) ---
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: TypeScript to dist/ ---
FROM deps AS build
COPY . .
RUN npm run build

# --- prod-deps: the same tree without devDependencies, so the native module compiles once and
# this layer (most of the image) changes only with the lockfile, not with every source edit.
# Node never reads source maps (no --enable-source-maps) or type declarations, nor better-sqlite3's
# C sources and object files once the addon is linked: about half of the production tree. ---
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund \
 && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/deps build/Release/obj build/Release/obj.target build/Release/.deps

# --- runtime: compiled server, production dependencies, files the server reads at run time ---
FROM node:20-bookworm-slim

LABEL org.opencontainers.image.title="chatbot-analytics-sandbox" \
      org.opencontainers.image.description="Seeded, deterministic imitation of the analytics APIs of NTT DATA eva, Kore.ai XO and ChatBot.com"

# HOST: the server's own default is loopback, unreachable through a published port
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SANDBOX_DB=/data/sandbox.db \
    LOG_LEVEL=info

WORKDIR /app
# application files stay root-owned (read-only to the server); only /data is writable
COPY --from=build /app/package.json /app/openapi.yaml ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/console ./console
# the CLI, for `docker exec <container> node bin/chatbot-analytics-sandbox.js credentials` (it runs dist/)
COPY --from=build /app/bin ./bin

# created and chowned before VOLUME: a new named volume copies this owner, so `node` can seed it
RUN mkdir -p /data && chown node:node /data
VOLUME /data

USER node
EXPOSE 3000

# The probe runs inside the container, so it comes from loopback, which the control plane
# admits without a token; once SANDBOX_ADMIN_TOKEN is set, every caller must send it.
# start-period covers seeding on the first start: `default` about 10 s, `large` 45 s on two
# idle cores and two minutes on busy ones; a success ends it early.
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "const t = process.env.SANDBOX_ADMIN_TOKEN; fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/__sandbox/health', { headers: t ? { 'x-sandbox-token': t } : {}, signal: AbortSignal.timeout(4000) }).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself as PID 1 (no npm, no shell) so SIGTERM reaches close-with-grace; flags as in `npm start`
CMD ["node", "--max-old-space-size=160", "--max-semi-space-size=8", "dist/src/server.js"]
