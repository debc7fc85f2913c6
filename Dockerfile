# portico-gateway, headless: `docker build -t portico-gateway .`, then
#   docker run -p 8280:8280 -p 9090:9090 -e PORTICO_ADMIN_TOKEN=... -v portico-data:/data portico-gateway
# The admin API listens on all interfaces inside the container, so the gateway refuses
# to start without an admin token. Pass `--bundle /bundle.json` (mounted) for an
# immutable gateway instead of one that takes pushes.

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json tsconfig.base.json ./
COPY gateway-runtime/package.json gateway-runtime/
RUN npm ci --no-fund --no-audit --workspace @portico/gateway-runtime --include-workspace-root
COPY gateway-runtime gateway-runtime
RUN npm run build --workspace @portico/gateway-runtime

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY gateway-runtime/package.json gateway-runtime/
# Only the gateway's production dependencies (better-sqlite3 brings its prebuilt binary).
RUN npm ci --no-fund --no-audit --omit=dev --workspace @portico/gateway-runtime

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY gateway-runtime/package.json gateway-runtime/
COPY gateway-runtime/bin/portico-gateway.js gateway-runtime/bin/
COPY --from=build /app/gateway-runtime/dist gateway-runtime/dist
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8280 8243 9090
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:8280/').then(() => process.exit(0), () => process.exit(1))"]
ENTRYPOINT ["node", "gateway-runtime/bin/portico-gateway.js"]
CMD ["--host", "0.0.0.0", "--admin-host", "0.0.0.0", "--data-dir", "/data"]
