/**
 * Starting the compute side and talking to it.
 *
 * The compute bundle's text is embedded in the page (`virtual:explorer-compute`, made by
 * explorer/vite.config.ts). It is started as a web worker from a Blob URL, which Chromium allows for a
 * page opened from disk (a worker loaded from a file: URL is refused). If no worker can be made (the
 * constructor throws, the worker reports an error, or it does not answer within `workerTimeoutMs`),
 * the same text runs in the page's own thread: the explorer then works the same, with the page busy
 * while it computes. `mode` says which one runs (the browser test checks both).
 */
import { IN_PAGE_GLOBAL, type Request, type Response } from "./protocol.js";

export type ComputeMode = "worker" | "page";

/** A request without its id (the client numbers requests). */
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never;

export interface ComputeClient {
  mode: ComputeMode;
  /** Why the worker was not used, when `mode` is "page". */
  fallbackReason?: string;
  send(request: RequestBody): Promise<Response>;
}

/** How long the worker may take to answer its first message before the page computes itself. */
export const workerTimeoutMs = 20_000;

type Handler = (request: Request) => Response;

function inPageClient(source: string, reason: string): ComputeClient {
  // The bundle is a classic script; run it in this thread, where it offers `handle` on globalThis.
  new Function(source)();
  const handle = (globalThis as unknown as Record<string, { handle: Handler } | undefined>)[IN_PAGE_GLOBAL]?.handle;
  if (handle === undefined) throw new Error("the compute bundle did not start");
  let next = 1;
  return {
    mode: "page",
    fallbackReason: reason,
    // Answer on a later task, as a worker would, so the page can paint "busy" before the work.
    send: (request) => new Promise((resolve) => setTimeout(() => resolve(handle({ ...request, id: next++ } as Request)), 0)),
  };
}

function workerClient(worker: Worker): ComputeClient {
  let next = 1;
  const waiting = new Map<number, (response: Response) => void>();
  worker.onmessage = (event: MessageEvent<Response>) => {
    const resolve = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    resolve?.(event.data);
  };
  return {
    mode: "worker",
    send: (request) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        worker.postMessage({ ...request, id });
      }),
  };
}

/** Starts the compute side from the bundle's text: a worker if possible, else this thread. */
export async function startCompute(source: string): Promise<ComputeClient> {
  let worker: Worker;
  let url: string | undefined;
  try {
    url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    worker = new Worker(url, { name: "cascade-explorer-compute" });
  } catch (error) {
    if (url !== undefined) URL.revokeObjectURL(url);
    return inPageClient(source, `no web worker: ${error instanceof Error ? error.message : String(error)}`);
  }
  const client = workerClient(worker);
  const failure = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(`the worker did not answer within ${workerTimeoutMs / 1000} s`), workerTimeoutMs);
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(`the worker failed: ${event.message || "no message"}`);
    };
    void client.send({ type: "init" }).then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  if (failure === undefined) {
    worker.onerror = null;
    return client;
  }
  worker.terminate();
  return inPageClient(source, failure);
}
