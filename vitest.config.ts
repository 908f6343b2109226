import { defineConfig } from "vitest/config";

// Tests live in tests/. CLI tests spawn the compiled command (bin/cascade.js -> dist/), which
// `npm test` builds first. Timing is never asserted in tests: speed is measured by `npm run bench`.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
