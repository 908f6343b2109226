/**
 * Entry point of the compute bundle (engine, analysis, chart builders and vega-lite; see session.ts).
 *
 * The build (explorer/vite.config.ts) bundles this file into one classic script and embeds its text
 * in the page, which starts it as a web worker from a Blob URL: that works for a page opened from
 * disk (file:), where Chromium refuses workers loaded from file URLs. Where no worker can start, the
 * page runs the same text in its own thread; the script then offers `handle` on `globalThis` instead
 * of listening for messages. Either way the page talks to it with the messages of protocol.ts.
 */
import baseYaml from "../../scenarios/bpd-cascade.yaml?raw";
import { IN_PAGE_GLOBAL, type Request, type Response } from "./protocol.js";
import { ExplorerSession } from "./session.js";

const session = new ExplorerSession(baseYaml);

/** Answers one request. Errors are answered too (the page shows them), never thrown. */
function handle(request: Request): Response {
  try {
    switch (request.type) {
      case "init":
        return { type: "init", id: request.id, defaults: session.defaults };
      case "compute":
        return session.compute(request);
      case "export":
        return session.exportFile(request.kind, request.id, request.link);
    }
  } catch (error) {
    return { type: "error", id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

interface WorkerScope {
  onmessage: ((event: { data: Request }) => void) | null;
  postMessage(message: Response): void;
}

const scope = globalThis as unknown as { WorkerGlobalScope?: unknown } & Record<string, unknown>;
if (scope.WorkerGlobalScope !== undefined) {
  const worker = globalThis as unknown as WorkerScope;
  worker.onmessage = (event) => worker.postMessage(handle(event.data));
} else {
  scope[IN_PAGE_GLOBAL] = { handle };
}
