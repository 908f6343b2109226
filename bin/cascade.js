#!/usr/bin/env node
// The `cascade` command. The TypeScript sources in src/ are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` / `npm install` through the `prepare` script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("cascade: dist/ is missing; run `npm run build` (or `npm ci`) in the cascade-lab folder first\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
