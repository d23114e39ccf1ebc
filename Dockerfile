# Portcullis as a container image. Build: docker build -t portcullis .
# Run (SQLite in a volume):  docker run --init -p 3000:3000 -v portcullis-data:/var/lib/portcullis portcullis
# Several instances on PostgreSQL behind a proxy: compose.yaml.

# ---- build: dependencies (better-sqlite3 compiles when no prebuilt binary fits), Prisma clients, Next build
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# postinstall generates both Prisma clients and bundles the policy CLI, so it needs the sources: copy
# them before `npm ci` (.dockerignore keeps out node_modules, builds, data and tests).
COPY . .
RUN npm ci
RUN npm run build

# ---- runtime: the same tree (npm start runs tsx and `prisma migrate deploy`, both dev dependencies)
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    PORTCULLIS_DATA_DIR=/var/lib/portcullis
RUN groupadd --system portcullis \
 && useradd --system --gid portcullis --home-dir /var/lib/portcullis --shell /usr/sbin/nologin portcullis \
 && mkdir -p /var/lib/portcullis \
 && chown portcullis:portcullis /var/lib/portcullis \
 && chmod 700 /var/lib/portcullis
WORKDIR /app
# The code belongs to root and is read-only to the server; only Next's cache directory is its own.
COPY --from=build /app /app
RUN mkdir -p /app/.next/cache && chown -R portcullis:portcullis /app/.next/cache
USER portcullis
# The SQLite database and the generated secrets.json live here (unused on PostgreSQL with the
# secrets in the environment, but harmless).
VOLUME ["/var/lib/portcullis"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/signin').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Applies pending migrations (prisma migrate deploy), then serves. SIGTERM finishes requests in flight.
CMD ["npm", "start"]
