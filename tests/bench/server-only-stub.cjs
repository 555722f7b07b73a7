/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded without a TypeScript loader */
// Preloaded into bench:live's instances: they run the app's route handlers outside Next, where
// React's server build (and with it the "react-server" condition) is not in use, so
// `import "server-only"` resolves to an empty module, as it does in Jest (jest.config.mjs).
const Module = require("node:module");
const path = require("node:path");
const empty = path.join(__dirname, "..", "helpers", "empty-module.js");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "server-only") return empty;
  return resolve.call(this, request, ...rest);
};
