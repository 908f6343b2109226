/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Lower bounds, one per parameter (-Infinity for none). Default: none. */
  lower?: readonly number[];
  /** Upper bounds, one per parameter (Infinity for none). Default: none. */
  upper?: readonly number[];
  /** Initial step along each coordinate: the simplex's size. Default 0.25 for every parameter. */
  initialStep?: readonly number[];
  /** Converged when the simplex's function values differ by at most max(absolute, relative |f|). */
  functionTolerance?: number;
  /** ... and its vertices lie within this distance of the best, relative to max(|x_j|, initial step j). */
  parameterTolerance?: number;
  /** Stop (not converged) after this many evaluations. Default 2000. */
  maxEvaluations?: number;
  /** Restarts allowed when the poll around a converged simplex finds a lower value. Default 2. */
  restarts?: number;
}

/** The result of `nelderMead`. */
export interface NelderMeadResult {
  /** The best point found. */
  x: number[];
  /** f at x. */
  value: number;
  /** True when the convergence tests were met before the evaluation limit. */
  converged: boolean;
  evaluations: number;
}

/**
 * **Nelder-Mead simplex minimisation with box constraints**, derivative-free, for the few (1 to 6)
 * variance parameters of a mixed model.
 *
 * Algorithm: the simplex method of Nelder & Mead (1965, Computer Journal 7:308,
 * doi:10.1093/comjnl/7.4.308) in the form analysed by Lagarias, Reeds, Wright & Wright (1998, SIAM J
 * Optim 9:112): each iteration reflects the worst vertex through the centroid of the others, then
 * expands, contracts (outside or inside) or shrinks the simplex towards the best vertex. The
 * coefficients are the dimension-adaptive ones of Gao & Han (2012, Comput Optim Appl 51:259,
 * doi:10.1007/s10589-010-9329-3): reflection 1, expansion 1 + 2/n, contraction 3/4 - 1/(2n),
 * shrinkage 1 - 1/n, which behave better than the classical (1, 2, 1/2, 1/2) as n grows.
 * Bounds are enforced by projecting every trial point onto the box, so a variance parameter can
 * reach exactly 0 (a singular fit). Projection can flatten the simplex against a bound, and any
 * simplex can collapse into a subspace away from the optimum; hence, after convergence, a poll
 * evaluates f a step of 1% of the initial size either way along each coordinate (2n evaluations;
 * coordinates on a bound are also polled inwards at 1e-4 and 1e-6 of it), and if one is lower the
 * search restarts from there with steps a tenth of the previous ones.
 *
 * Convergence: the spread of f over the simplex is at most max(functionTolerance,
 * functionTolerance |f_best|) and every vertex is within parameterTolerance of the best along each
 * coordinate, relative to max(|x_j|, initial step j) (so parameters of very different sizes are
 * each resolved to the same relative precision). Defaults: 1e-10 and 1e-6.
 *
 * f may return Infinity or NaN where it is undefined: such points count as worse than any other.
 * Deterministic (no randomness). Cost: usually 20 to 60 evaluations per parameter.
 */
export function nelderMead(objective: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = start.length;
  const lower = options.lower ?? start.map(() => Number.NEGATIVE_INFINITY);
  const upper = options.upper ?? start.map(() => Number.POSITIVE_INFINITY);
  const functionTolerance = options.functionTolerance ?? 1e-10;
  const parameterTolerance = options.parameterTolerance ?? 1e-6;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const restarts = options.restarts ?? 2;
  const reflection = 1;
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrinkage = n > 1 ? 1 - 1 / n : 0.5;

  let evaluations = 0;
  const project = (x: number[]): number[] => x.map((v, j) => Math.min(upper[j], Math.max(lower[j], v)));
  const evaluate = (x: number[]): number => {
    evaluations += 1;
    const value = objective(x);
    return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
  };

  let best = project([...start]);
  let bestValue = evaluate(best);
  let steps = options.initialStep ?? start.map(() => 0.25);
  let converged = false;
  for (let round = 0; round <= restarts; round++) {
    const result = runSimplex(best, bestValue, steps);
    if (result.value <= bestValue) {
      best = result.x;
      bestValue = result.value;
    }
    converged = result.converged;
    if (!converged || evaluations >= maxEvaluations) break;
    // Poll: a step of 1% of the initial size along each coordinate, both ways. A simplex that has
    // collapsed (into a line, or flat against a bound) converges where this finds a lower value.
    // A coordinate sitting on its bound is also polled inwards at 1e-4 and 1e-6 of the initial
    // size, since the optimum may be just inside it (a small variance rather than 0).
    const threshold = bestValue - Math.max(functionTolerance, functionTolerance * Math.abs(bestValue));
    let polled: { x: number[]; value: number } | null = null;
    const trials: number[][] = [];
    for (let j = 0; j < n; j++) {
      for (const sign of [1, -1]) trials.push(coordinateStep(best, j, (sign * steps[j]) / 100));
      if (best[j] === lower[j]) for (const scale of [1e-4, 1e-6]) trials.push(coordinateStep(best, j, Math.abs(steps[j]) * scale));
      if (best[j] === upper[j]) for (const scale of [1e-4, 1e-6]) trials.push(coordinateStep(best, j, -Math.abs(steps[j]) * scale));
    }
    for (const trial of trials) {
      const projected = project(trial);
      if (projected.every((v, j) => v === best[j])) continue;
      const value = evaluate(projected);
      if (value < threshold) {
        polled = { x: projected, value };
        break;
      }
    }
    if (polled === null) break;
    best = polled.x;
    bestValue = polled.value;
    steps = steps.map((step) => step / 10);
  }
  return { x: best, value: bestValue, converged, evaluations };

  function coordinateStep(x: readonly number[], j: number, delta: number): number[] {
    const moved = [...x];
    moved[j] += delta;
    return moved;
  }

  function runSimplex(origin: number[], originValue: number, stepSizes: readonly number[]): { x: number[]; value: number; converged: boolean } {
    const vertices: number[][] = [origin];
    const values: number[] = [originValue];
    for (let j = 0; j < n; j++) {
      const vertex = [...origin];
      vertex[j] += stepSizes[j];
      if (vertex[j] > upper[j]) vertex[j] = origin[j] - stepSizes[j];
      const projected = project(vertex);
      vertices.push(projected);
      values.push(evaluate(projected));
    }
    const order = vertices.map((_, i) => i);
    while (evaluations < maxEvaluations) {
      order.sort((a, b) => values[a] - values[b]);
      const bestIndex = order[0];
      const worstIndex = order[n];
      const secondWorstIndex = order[n - 1];
      const spread = values[worstIndex] - values[bestIndex];
      let size = 0;
      for (const i of order) {
        for (let j = 0; j < n; j++) {
          const scale = Math.max(Math.abs(vertices[bestIndex][j]), Math.abs(stepSizes[j]));
          size = Math.max(size, Math.abs(vertices[i][j] - vertices[bestIndex][j]) / scale);
        }
      }
      if (spread <= Math.max(functionTolerance, functionTolerance * Math.abs(values[bestIndex])) && size <= parameterTolerance) {
        return { x: vertices[bestIndex], value: values[bestIndex], converged: true };
      }
      const centroid = new Array<number>(n).fill(0);
      for (const i of order.slice(0, n)) for (let j = 0; j < n; j++) centroid[j] += vertices[i][j] / n;
      const worst = vertices[worstIndex];
      const along = (factor: number): number[] => project(centroid.map((c, j) => c + factor * (c - worst[j])));

      const reflected = along(reflection);
      const reflectedValue = evaluate(reflected);
      if (reflectedValue < values[bestIndex]) {
        const expanded = along(reflection * expansion);
        const expandedValue = evaluate(expanded);
        replaceWorst(expandedValue < reflectedValue ? expanded : reflected, Math.min(expandedValue, reflectedValue));
      } else if (reflectedValue < values[secondWorstIndex]) {
        replaceWorst(reflected, reflectedValue);
      } else {
        const outside = reflectedValue < values[worstIndex];
        const contracted = along(outside ? reflection * contraction : -contraction);
        const contractedValue = evaluate(contracted);
        if (contractedValue < (outside ? reflectedValue : values[worstIndex])) {
          replaceWorst(contracted, contractedValue);
        } else {
          // Shrink every vertex towards the best.
          const bestVertex = vertices[bestIndex];
          for (const i of order.slice(1)) {
            vertices[i] = project(vertices[i].map((v, j) => bestVertex[j] + shrinkage * (v - bestVertex[j])));
            values[i] = evaluate(vertices[i]);
          }
        }
      }

      function replaceWorst(vertex: number[], value: number): void {
        vertices[worstIndex] = vertex;
        values[worstIndex] = value;
      }
    }
    order.sort((a, b) => values[a] - values[b]);
    return { x: vertices[order[0]], value: values[order[0]], converged: false };
  }
}
