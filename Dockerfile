# syntax=docker/dockerfile:1
#
# CRM – MARKETING: production image.
#
#   docker build -t crm-marketing .                      # the app (runtime stage)
#   docker build -t crm-marketing-build --target build . # the build stage: also runs `npm run db:setup`
#
# The runtime stage holds only the Nitro output (.output, self-contained with its traced
# node_modules) and the SQL migrations. Migrations and base data are applied by
# `npm run db:setup`, which needs tsx and the server sources: run it from the build stage,
# e.g. the `migrate` service of docker-compose.yml, or
#   docker run --rm -e NODE_ENV=production -e DATABASE_URL=... -e ENCRYPTION_KEYS=... \
#     -e BLIND_INDEX_KEY=... crm-marketing-build npm run db:setup
#
# Debian (glibc), not Alpine: the `node` dev dependency installs a glibc Node binary that npm
# scripts run on, and @node-rs/argon2 ships a -gnu native module.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NUXT_TELEMETRY_DISABLED=1
# All sources first: `npm ci` runs `nuxt prepare` (postinstall), which reads nuxt.config.ts.
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund \
 && npm run build

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    NITRO_HOST=0.0.0.0 \
    NUXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app/.output ./.output
COPY --from=build --chown=node:node /app/drizzle ./drizzle
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", ".output/server/index.mjs"]
