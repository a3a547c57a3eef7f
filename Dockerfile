# Kizuna's production images, two targets from one build: `--target app` (next start) and `--target worker` (the
# compiled worker). Kept minimal and not built where Kizuna is developed (no container engine there); the commands are
# the ones test/e2e/production-smoke.e2e.test.ts runs outside a container (README, "Running in production").
#
#   docker build --target app --build-arg APP_BASE_URL=https://kizuna.example.com -t kizuna-app .
#   docker build --target worker -t kizuna-worker .

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The Strict-Transport-Security header is compiled into the build from APP_BASE_URL (next.config.mjs).
ARG APP_BASE_URL=https://kizuna.example.com
RUN APP_BASE_URL="$APP_BASE_URL" npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

# The built checkout: the compiled worker and CLI read db/migrations and lib/temporal/ beside their sources.
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production KIZUNA_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app /app
USER node

FROM runtime AS worker
CMD ["node", "--enable-source-maps", "dist/worker/main.js"]

FROM runtime AS app
EXPOSE 3000
CMD ["node_modules/.bin/next", "start", "-H", "0.0.0.0"]
