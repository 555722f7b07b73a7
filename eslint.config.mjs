// One linter: Next's rules (core web vitals, React, hooks, a11y, import), typescript-eslint with
// type information (promises that are dropped or misused are errors), Prettier owning layout, and
// the house's layers (LAYERS below, drawn in the README): a folder of lib/ imports only folders
// below it, with no exceptions; lib/ never imports components/ or app/; only the gate's road reaches the exchange client; only lib/keys/credentials.ts decrypts an API key.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier/flat";

/**
 * lib/'s units from the ground up: a unit is a folder of lib/ or a file directly in it (lib/db/
 * is one unit). Each may import only the units on the rows before its own row, and units
 * on one row never import each other.
 */
export const LAYERS = [
  // Foundations: pure helpers, settings, logs, stores, the exchange's typed library.
  ["generated", "ids", "bounded-map", "redact-text", "request-context", "clock"],
  ["exchange"],
  ["env-schema"],
  ["env"],
  ["log"],
  ["dev", "redis", "db", "crypto", "money"],
  // Words and numbers for people, the one error type, counters.
  ["i18n"],
  ["errors", "format", "metrics"],
  // The request frame, who is signed in, the record of what happened, messages to people.
  ["http"],
  ["sessions"],
  ["audit"],
  ["mail"],
  ["alerts"],
  ["factors"],
  // Passkeys (WebAuthn): registration, the sign-in and step-up ceremonies, their challenges.
  ["passkeys"],
  // The gate (the one road to the exchange) and the exchange client it owns.
  ["limiter"],
  // The snapshot store and the backfill queue: what a read and a new key write, below both.
  ["snapshots"],
  // Keys: the vault (credentials), access and the key's life.
  ["keys"],
  // Live prices: the one exchange WebSocket of the deployment, through the gate's connection budget.
  ["market"],
  // The read path (lib/reads): exchange data for a viewer, through the gate. Not proxy.ts, Next's request stage.
  ["reads"],
  // Feature modules built on the read path.
  ["export", "live"],
  ["portfolio"],
  ["teams"],
  // Who gets in: sign-up and e-mail confirmation, single sign-on, then sign-in (next-auth, every
  // sign-in method's actions, the signed-in sessions).
  ["sign-up"],
  ["single-sign-on"],
  ["sign-in"],
  ["preferences", "backup", "health", "workers", "simulator"],
];

const UNITS = LAYERS.flat();
const rowOf = new Map(LAYERS.flatMap((row, i) => row.map((u) => [u, i])));
const filesOf = (unit) => [`lib/${unit}/**/*.{ts,tsx}`, `lib/${unit}.ts`];
const esc = (s) => s.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&");

/**
 * Who may import the exchange client (the gate, which hands it to each read and call it lets
 * through), the one write to the exchange, and the key decryption.
 */
const EXCHANGE_ROAD = ["lib/limiter/**"];
const CANCEL_ALL_ROAD = ["lib/keys/gate-check.ts"];
/** lib/factors/totp.ts decrypts a user's own authenticator seed, never an API key. */
const DECRYPT_ROAD = ["lib/keys/credentials.ts", "lib/factors/totp.ts"];
/**
 * The exchange's WebSocket is opened in two places, each after the gate's connection budget
 * grants it: the market stream's connection, and a Trade key's TRADING connection (which gets
 * the key's token from lib/keys/credentials.ts, never decrypting it). The simulator serves one.
 */
const SOCKET_ROAD = ["lib/market/socket.ts", "lib/simulator/**"];

const SECRET_PATHS = {
  exchange: [
    {
      name: "@/lib/limiter/exchange-client",
      message: "Only the gate holds the exchange client: a read or call through it gets the client as `exchange`.",
    },
    {
      name: "@/lib/exchange/client",
      importNames: ["createExchangeClient"],
      message: "The process has one exchange client, lib/limiter/exchange-client.ts, behind the gate.",
    },
  ],
  cancelAll: [
    {
      name: "@/lib/exchange/cancel-all",
      message: "The one write to the exchange goes through checkKeyThroughGate (lib/keys/gate-check.ts).",
    },
  ],
  socket: [
    {
      name: "ws",
      message: "Only lib/market/socket.ts opens a WebSocket to the exchange, after gate.connections grants one.",
    },
  ],
  decrypt: [
    {
      name: "@/lib/crypto/envelope",
      importNames: ["decryptSecret"],
      message: "Only lib/keys/credentials.ts decrypts a key: ask it (withKeyCredentials).",
    },
  ],
};

/** The unit a lib/ file belongs to may import nothing on its own row or above it. */
function aboveOf(unit) {
  const row = rowOf.get(unit);
  return UNITS.filter((u) => u !== unit && rowOf.get(u) >= row);
}

function restrictions(unit, { exchange = false, cancelAll = false, decrypt = false, socket = false } = {}) {
  const above = unit ? aboveOf(unit) : [];
  const paths = [
    ...(exchange ? [] : SECRET_PATHS.exchange),
    ...(cancelAll ? [] : SECRET_PATHS.cancelAll),
    ...(decrypt ? [] : SECRET_PATHS.decrypt),
    ...(socket ? [] : SECRET_PATHS.socket),
  ];
  const patterns = [
    ...(unit
      ? [
          {
            group: ["@/components", "@/components/**", "@/app", "@/app/**"],
            message: "lib/ never imports components/ or app/: move the shared part into lib/.",
          },
        ]
      : []),
    ...above.map((u) => ({
      group: [`@/lib/${u}`, `@/lib/${u}/**`],
      message: `lib/${unit} sits below lib/${u} in the layers (eslint.config.mjs LAYERS, README "Layers"): move the shared part down, or pass it in.`,
    })),
  ];
  const rules = { "no-restricted-imports": ["error", { paths, patterns }] };
  if (above.length)
    rules["no-restricted-syntax"] = [
      "error",
      {
        selector: `ImportExpression[source.value=/^@\\/lib\\/(${above.map(esc).join("|")})(\\/|$)/]`,
        message: `lib/${unit} sits below that folder in the layers: a lazy import() is an import too.`,
      },
    ];
  return rules;
}

const roads = (file) => ({
  exchange: EXCHANGE_ROAD.some((g) => (g.endsWith("/**") ? file.startsWith(g.slice(0, -2)) : file === g)),
  cancelAll: CANCEL_ALL_ROAD.includes(file),
  decrypt: DECRYPT_ROAD.includes(file),
  socket: SOCKET_ROAD.some((g) => (g.endsWith("/**") ? file.startsWith(g.slice(0, -2)) : file === g)),
});

const unitOfFile = (file) => file.split("/")[1].replace(/\.tsx?$/, "");

const layerRules = [
  // Outside lib/ (pages, routes, components, bin): the secret roads still hold. Tests may reach
  // any module to set up and inspect a case.
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "bin/**/*.ts", "*.ts"], rules: restrictions(null) },
  ...UNITS.map((unit) => ({ files: filesOf(unit), rules: restrictions(unit) })),
  // The files on a road: their own unit's rules with that road open.
  ...[...new Set([...EXCHANGE_ROAD, ...CANCEL_ALL_ROAD, ...DECRYPT_ROAD, ...SOCKET_ROAD])].map((file) => ({
    files: [file.endsWith("/**") ? `${file}/*.{ts,tsx}` : file],
    rules: restrictions(unitOfFile(file), roads(file)),
  })),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "test-results/**", ".data/**", "next-env.d.ts"]),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  ...layerRules,
  // next.config.js is CommonJS (Next loads it before any transform).
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  prettier,
]);
