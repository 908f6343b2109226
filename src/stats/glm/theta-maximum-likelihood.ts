import { digamma } from "../special/digamma.js";
import { trigamma } from "../special/trigamma.js";
import { negativeBinomialLogProbability } from "./family.js";

/** The maximum-likelihood dispersion θ of a negative binomial with known means. */
export interface ThetaEstimate {
  /** θ̂ (Var Y = μ + μ²/θ); `maximumTheta` when the likelihood still rises there. */
  theta: number;
  /** sqrt(1 / observed information) at θ̂, as MASS's `theta.ml` reports it. */
  standardError: number;
  /** True when θ̂ is at `maximumTheta`: the counts are no more dispersed than Poisson counts. */
  atBound: boolean;
  /** False when the iterations ran out. */
  converged: boolean;
  iterations: number;
}

/** Options of `thetaMaximumLikelihood`. */
export interface ThetaOptions {
  /** Starting θ. Default: MASS's moment start n / Σ w (y/μ - 1)². */
  start?: number;
  /** Upper limit of θ, standing for "Poisson" (θ = Infinity). Default 1e8. */
  maximumTheta?: number;
  /** Maximum Newton iterations. Default 100. */
  maxIterations?: number;
}

/**
 * **Maximum-likelihood θ of the negative binomial** for given means μ, the inner step of
 * `negativeBinomialRegression` (the role of MASS's `theta.ml`, Venables & Ripley 2002, Modern
 * Applied Statistics with S, section 7.4).
 *
 * Maximises ℓ(θ) = Σ w [log Γ(θ + y) - log Γ(θ) + θ log θ - (θ + y) log(θ + μ)] + const by Newton's
 * method on log θ, with unit steps uphill where ℓ is not concave and step halving whenever ℓ would
 * fall, to a relative change in θ below 1e-11. The score is written without cancellation for large
 * θ: for integer y,
 *   dℓ/dθ = Σ w [Σ_(k<y) (μ - k) / ((θ + k)(θ + μ)) - (log1p(μ/θ) - (μ/θ) / (1 + μ/θ))],
 * whose terms are O(1/θ²) like the score itself (the textbook form with digamma functions loses all
 * digits beyond θ ~ 1e8, where its O(1/θ) terms cancel). Non-integer y use digamma and trigamma.
 *
 * Never throws; returns NaN when no count is positive or inputs are not finite.
 */
export function thetaMaximumLikelihood(
  counts: ArrayLike<number>,
  means: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: ThetaOptions = {},
): ThetaEstimate {
  const n = counts.length;
  const maximumTheta = options.maximumTheta ?? 1e8;
  const maxIterations = options.maxIterations ?? 100;
  const failed: ThetaEstimate = { theta: Number.NaN, standardError: Number.NaN, atBound: false, converged: false, iterations: 0 };

  let start = options.start;
  if (start === undefined) {
    let weightSum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      weightSum += weights[i];
      squares += weights[i] * (counts[i] / means[i] - 1) ** 2;
    }
    start = weightSum / squares;
  }
  if (!(start > 0) || !Number.isFinite(start)) start = 1;
  let logTheta = Math.log(Math.min(start, maximumTheta));
  const logMaximum = Math.log(maximumTheta);

  const logLikelihood = (theta: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) if (weights[i] > 0) sum += weights[i] * negativeBinomialLogProbability(counts[i], means[i], theta);
    return sum;
  };
  let current = logLikelihood(Math.exp(logTheta));
  if (!Number.isFinite(current)) return failed;

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const theta = Math.exp(logTheta);
    const { score, derivative } = scoreAndDerivative(counts, means, weights, theta);
    // In φ = log θ: dℓ/dφ = θ S, d²ℓ/dφ² = θ S + θ² S'.
    const gradient = theta * score;
    const curvature = theta * score + theta * theta * derivative;
    let step = curvature < 0 ? -gradient / curvature : Math.sign(gradient);
    step = Math.max(-3, Math.min(3, step));
    if (logTheta >= logMaximum && step > 0) {
      return { theta: maximumTheta, standardError: standardErrorAt(counts, means, weights, maximumTheta), atBound: true, converged: true, iterations: iteration };
    }
    // Halve the step until the likelihood does not fall.
    let next = Math.min(logTheta + step, logMaximum);
    let candidate = logLikelihood(Math.exp(next));
    for (let halving = 0; halving < 40 && !(candidate >= current - 1e-12 * Math.abs(current)); halving++) {
      step /= 2;
      next = Math.min(logTheta + step, logMaximum);
      candidate = logLikelihood(Math.exp(next));
    }
    const change = next - logTheta;
    logTheta = next;
    current = candidate;
    if (Math.abs(change) < 1e-11) {
      const estimate = Math.exp(logTheta);
      const atBound = logTheta >= logMaximum;
      return { theta: estimate, standardError: standardErrorAt(counts, means, weights, estimate), atBound, converged: true, iterations: iteration };
    }
  }
  const estimate = Math.exp(logTheta);
  return { theta: estimate, standardError: standardErrorAt(counts, means, weights, estimate), atBound: false, converged: false, iterations: maxIterations };
}

/** sqrt(1 / observed information) for θ. */
function standardErrorAt(counts: ArrayLike<number>, means: ArrayLike<number>, weights: ArrayLike<number>, theta: number): number {
  return Math.sqrt(-1 / scoreAndDerivative(counts, means, weights, theta).derivative);
}

/** dℓ/dθ and d²ℓ/dθ² (see `thetaMaximumLikelihood` for the cancellation-free form). */
function scoreAndDerivative(
  counts: ArrayLike<number>,
  means: ArrayLike<number>,
  weights: ArrayLike<number>,
  theta: number,
): { score: number; derivative: number } {
  let score = 0;
  let derivative = 0;
  for (let i = 0; i < counts.length; i++) {
    const weight = weights[i];
    if (!(weight > 0)) continue;
    const y = counts[i];
    const mean = means[i];
    const shifted = theta + mean;
    let risingScore: number; // ψ(θ + y) - ψ(θ) - y / (θ + μ)
    let risingDerivative: number; // ψ'(θ + y) - ψ'(θ)
    if (Number.isInteger(y) && y <= 1000) {
      risingScore = 0;
      risingDerivative = 0;
      for (let k = 0; k < y; k++) {
        risingScore += (mean - k) / ((theta + k) * shifted);
        risingDerivative -= 1 / ((theta + k) * (theta + k));
      }
    } else {
      risingScore = digamma(theta + y) - digamma(theta) - y / shifted;
      risingDerivative = trigamma(theta + y) - trigamma(theta);
    }
    const ratio = mean / theta;
    score += weight * (risingScore - logOnePlusMinusFraction(ratio));
    // d/dθ [-log1p(μ/θ) + (μ - y)/(μ + θ)] = μ / (θ (θ + μ)) - (μ - y) / (θ + μ)².
    derivative += weight * (risingDerivative + mean / (theta * shifted) - (mean - y) / (shifted * shifted));
  }
  return { score, derivative };
}

/** log1p(r) - r / (1 + r) >= 0, by its series r²/2 - 2r³/3 + 3r⁴/4 - ... for small r. */
function logOnePlusMinusFraction(ratio: number): number {
  if (ratio > 0.01) return Math.log1p(ratio) - ratio / (1 + ratio);
  let sum = 0;
  let power = 0; // (-1)^j r^j
  for (let j = 2; j < 40; j++) {
    power = j === 2 ? ratio * ratio : power * -ratio;
    const term = ((j - 1) * power) / j;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
