/**
 * The structures of a chart that the page keeps views of, in least-recently-used order. The worker
 * (chart-updates.ts) and the page (views.ts) each keep one list per chart and apply the same keys in
 * the same order, so they agree on which views exist without asking each other.
 *
 * Browser-safe: no `node:` imports.
 */

/** Views kept per chart on the page. */
export const VIEWS_PER_CHART = 6;

/** Keys in least-recently-used order, most recent last. */
export class RecentKeys {
  private readonly keys: string[] = [];

  constructor(readonly capacity: number) {}

  /** Marks `key` as used; returns whether it was known, and the key evicted to make room, if any. */
  use(key: string): { known: boolean; evicted?: string } {
    const index = this.keys.indexOf(key);
    if (index >= 0) {
      this.keys.splice(index, 1);
      this.keys.push(key);
      return { known: true };
    }
    this.keys.push(key);
    const evicted = this.keys.length > this.capacity ? this.keys.shift() : undefined;
    return evicted === undefined ? { known: false } : { known: false, evicted };
  }

  clear(): void {
    this.keys.length = 0;
  }
}

