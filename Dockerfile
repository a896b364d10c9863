# The API image (also used by the one-shot seed service in docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY schema ./schema
COPY bin ./bin
COPY seed ./seed
COPY src ./src
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
# Alive: the API process answers (npm start restarts it if it dies; /ready also needs Neo4j).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, run directly: npm does not pass docker stop's SIGTERM on to its child,
# which would leave the API undrained. It supervises the API in a child process, restarting it if
# it dies; if it gives up it exits 1, for the container's restart policy.
CMD ["node", "--max-old-space-size=256", "--import", "tsx", "bin/start.ts"]
