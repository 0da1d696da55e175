# The logsig worker image. logsig runs its TypeScript sources through tsx (a runtime dependency),
# so the image is the sources plus production dependencies. Two native addons are compiled from
# source while installing (re2, and logsig's own matching addon in native/, which compiles the
# same RE2 from the re2 package's sources), so the build stage
# has a C++ toolchain and the runtime stage does not.
FROM node:20-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json binding.gyp ./
COPY native ./native
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build/Release/logsig_native.node ./build/Release/logsig_native.node
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY data ./data
COPY tsconfig.json ./
USER node
EXPOSE 9464
ENTRYPOINT ["node", "bin/logsig.js"]
CMD ["worker"]
