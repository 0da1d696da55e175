# The logsig worker image. logsig runs its TypeScript sources through tsx (a runtime dependency),
# so the image is the sources plus production dependencies.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY data ./data
COPY tsconfig.json ./
USER node
EXPOSE 9464
ENTRYPOINT ["node", "bin/logsig.js"]
CMD ["worker"]
