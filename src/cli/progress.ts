/**
 * A progress bar on stderr for long work, via `cli-progress` (maintained, handles terminal width and
 * redraw throttling, which we would otherwise write by hand).
 *
 * Shown only when stderr is a terminal and the work has already taken more than a second, so short
 * runs, pipes, CI logs and tests stay clean.
 */
import { SingleBar, Presets } from "cli-progress";

export interface Progress {
  /** Sets the number of completed units. */
  update(done: number): void;
  /** Clears the bar (if shown). */
  stop(): void;
}

export interface ProgressOptions {
  /** What is counted, for example "persons". */
  unit: string;
  /** Show even when stderr is not a terminal (never in normal use). */
  force?: boolean;
  /** Milliseconds before the bar appears. Default 1000. */
  delayMs?: number;
}

/** A progress reporter for `total` units of work. */
export function createProgress(total: number, options: ProgressOptions): Progress {
  const enabled = options.force === true || process.stderr.isTTY === true;
  if (!enabled) return { update() {}, stop() {} };
  const startedAt = Date.now();
  const delay = options.delayMs ?? 1000;
  let bar: SingleBar | undefined;
  let last = 0;
  return {
    update(done: number) {
      last = done;
      if (bar === undefined && Date.now() - startedAt >= delay && done < total) {
        bar = new SingleBar(
          { stream: process.stderr, format: `{bar} {percentage}% | {value}/{total} ${options.unit} | ETA {eta_formatted}`, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar?.update(last);
    },
    stop() {
      bar?.update(last);
      bar?.stop();
    },
  };
}
