/**
 * `cascade explore`: serves the built classroom explorer on 127.0.0.1 only, prints its address,
 * answers only for the page, stops cleanly on SIGTERM, and refuses bad ports with a clear message.
 * The command line tests run the compiled `bin/cascade.js` (npm test builds first, which also builds
 * the page into dist-explorer/).
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CascadeError } from "../src/errors.js";
import { explorerPagePath, startExplorerServer } from "../src/cli/commands/explore.js";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";
import { startExplore } from "./helpers/explore.js";

/** One HTTP request; resolves with the status, headers and body. */
function fetchRaw(url: string, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000);
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** This machine's IPv4 addresses other than loopback. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && entry.family === "IPv4" && !entry.internal)
    .map((entry) => (entry as { address: string }).address);
}

describe("cascade explore", () => {
  let running: Awaited<ReturnType<typeof startExplore>>;

  beforeAll(async () => {
    running = await startExplore(["--port", "0"]);
  });

  afterAll(() => {
    if (running?.child.exitCode === null) running.child.kill("SIGKILL");
  });

  it("prints the page's address on 127.0.0.1 and says it is served on this computer only", () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(running.output()).toContain("127.0.0.1 only");
    expect(running.output()).toContain(explorerPagePath());
  });

  it("serves the built page at / and /index.html, byte for byte", async () => {
    const page = readFileSync(explorerPagePath());
    for (const path of ["", "index.html", "?lesson=x", "#v=1"]) {
      const response = await fetchRaw(running.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.body.equals(page), path).toBe(true);
    }
    expect(page.toString("utf8")).toContain("Cascade Lab classroom explorer");
  });

  it("answers HEAD without a body, 404 for any other path and 405 for other methods", async () => {
    const head = await fetchRaw(running.url, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(readFileSync(explorerPagePath()).length);
    expect(head.body.length).toBe(0);
    expect((await fetchRaw(running.url + "../package.json")).status).toBe(404);
    expect((await fetchRaw(running.url + "dist-explorer/index.html")).status).toBe(404);
    const post = await fetchRaw(running.url, "POST");
    expect(post.status).toBe(405);
    expect(post.headers["allow"]).toBe("GET, HEAD");
  });

  it("listens on the loopback interface only", async () => {
    const port = Number(new URL(running.url).port);
    expect(await accepts("127.0.0.1", port)).toBe(true);
    for (const address of externalAddresses()) expect(await accepts(address, port), address).toBe(false);
  });

  it("stops on SIGTERM with exit code 0", async () => {
    const exited = new Promise<number | null>((resolve) => running.child.on("exit", (code) => resolve(code)));
    running.child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("cascade explore with bad options", () => {
  it.each([
    [["--port", "abc"], /--port: expected an integer >= 0, got "abc"/],
    [["--port", "-1"], /--port: expected an integer >= 0/],
    [["--port", "70000"], /--port: expected an integer from 0 to 65535, got "70000"/],
  ])("refuses %j with exit code 2", (args, message) => {
    const result = runCli(["explore", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("says so when the port is taken, with exit code 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(repoRoot, "bin", "cascade.js"), "explore", "--port", String(port)], { cwd: repoRoot });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("exit", (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});

describe("startExplorerServer", () => {
  it("binds 127.0.0.1 (IPv4 loopback) and serves the page it is given", async () => {
    const page = join(tempDir(), "page.html");
    writeFileSync(page, "<!doctype html><title>test page</title>");
    const server = await startExplorerServer({ port: 0, pageFile: page });
    try {
      const address = server.server.address() as AddressInfo;
      expect(address.address).toBe("127.0.0.1");
      expect(address.family).toBe("IPv4");
      expect((await fetchRaw(server.url)).body.toString()).toBe("<!doctype html><title>test page</title>");
    } finally {
      await server.close();
    }
  });

  it("refuses to start without a built page, naming the file and the build command", async () => {
    const missing = join(tempDir(), "dist-explorer", "index.html");
    const failure = startExplorerServer({ port: 0, pageFile: missing });
    await expect(failure).rejects.toBeInstanceOf(CascadeError);
    await expect(failure).rejects.toThrow(`the explorer page is not built (${missing} is missing): run \`npm run build\``);
  });
});
