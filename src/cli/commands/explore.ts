/**
 * `cascade explore [--port N]`: serves the classroom explorer (the page `npm run build` writes to
 * dist-explorer/index.html) on 127.0.0.1 and prints its address.
 *
 * The page computes everything in the browser; the server only hands out one file, so it is a few
 * lines of `node:http` rather than a server dependency. It listens on the loopback interface only:
 * nothing on the network can reach it. The same page also works opened straight from disk; serving it
 * gives a stable address (`http://127.0.0.1:5280/`) whose links, with the settings in the fragment,
 * keep working from one lesson to the next.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { CascadeError, EXIT } from "../../errors.js";
import { integerFlag } from "../flags.js";

/** The only address the explorer is served on. */
export const EXPLORER_HOST = "127.0.0.1";

/** The default port: fixed, so the explorer's address (and links into it) stay the same. */
export const DEFAULT_EXPLORER_PORT = 5280;

/** Where the build writes the page: dist-explorer/index.html at the package's root. */
export function explorerPagePath(): string {
  return fileURLToPath(new URL("../../../dist-explorer/index.html", import.meta.url));
}

/** A running explorer server. */
export interface ExplorerServer {
  /** The page's address, e.g. `http://127.0.0.1:5280/`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves `pageFile` at `/` and `/index.html` on 127.0.0.1:`port` (0: any free port). Only GET and
 * HEAD; any other path is 404. The file is read once, at start.
 */
export async function startExplorerServer(options: { port: number; pageFile?: string }): Promise<ExplorerServer> {
  const pageFile = options.pageFile ?? explorerPagePath();
  if (!existsSync(pageFile)) {
    throw new CascadeError(`the explorer page is not built (${pageFile} is missing): run \`npm run build\` in the cascade-lab folder`, {}, EXIT.failure);
  }
  const page = readFileSync(pageFile);
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split(/[?#]/)[0];
    const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { ...headers, Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("Only GET and HEAD.\n");
      return;
    }
    if (path !== "/" && path !== "/index.html") {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("Not found: the explorer is at /.\n");
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Length": String(page.length) });
    response.end(request.method === "HEAD" ? undefined : page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new CascadeError(`--port: port ${options.port} on ${EXPLORER_HOST} is in use; choose another (--port 0 takes any free port)`));
      } else if (error.code === "EACCES") {
        reject(new CascadeError(`--port: not allowed to listen on port ${options.port}; choose a port above 1023`));
      } else {
        reject(error);
      }
    });
    server.listen(options.port, EXPLORER_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${EXPLORER_HOST}:${port}/`,
    port,
    server,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Runs `cascade explore`: serves until interrupted (Ctrl+C). */
export async function runExplore(flags: { port: string }): Promise<void> {
  const port = integerFlag("--port", flags.port, 0) as number;
  if (port > 65535) throw new CascadeError(`--port: expected an integer from 0 to 65535, got "${flags.port}"`);
  const running = await startExplorerServer({ port });
  process.stdout.write(
    `Cascade Lab classroom explorer: ${running.url}\n` +
      `Served on ${EXPLORER_HOST} only (this computer). The page also works opened from disk: ${explorerPagePath()}\n` +
      "Press Ctrl+C to stop.\n",
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      running.server.closeAllConnections();
      void running.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Registers `cascade explore`. */
export function register(program: Command): void {
  program
    .command("explore")
    .summary("serve the classroom explorer on 127.0.0.1 and print its address")
    .description(
      "Serve the classroom explorer, a page that simulates one person live in the browser with sliders, lessons,\n" +
        "shareable links and downloads, on 127.0.0.1 (this computer only) and print its address. The page is\n" +
        "dist-explorer/index.html, built by `npm run build`; it also works opened straight from disk.\n" +
        "A research and teaching tool on synthetic data; not a clinical or risk-prediction tool.",
    )
    .option("--port <n>", "port on 127.0.0.1 (0: any free port)", String(DEFAULT_EXPLORER_PORT))
    .addHelpText("after", "\nExample:\n  cascade explore --port 8080\n\nSee docs/explorer.md.")
    .action(async (flags: { port: string }) => {
      await runExplore(flags);
    });
}
