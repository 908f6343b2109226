// Loaded with `node --import` by bench/lib.js: writes the process's peak resident set size (kB),
// which includes its worker threads, to $CASCADE_RSS_FILE when the process exits.
import { writeFileSync } from "node:fs";

const file = process.env.CASCADE_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
