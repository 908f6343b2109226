import { logGamma } from "../special/log-gamma.js";

/**
 * A generalised linear model family with its link: what iteratively reweighted least squares
 * (`iterativelyReweightedLeastSquares`) needs to know about the distribution of the outcome.
 * Internal to the GLM functions; the families are those of R's `poisson()`, `binomial()` and
 * `MASS::negative.binomial(theta)`, each with its usual link (log, logit, log).
 */
export interface GlmFamily {
  readonly name: "poisson" | "binomial" | "negative-binomial";
  /** μ = g⁻¹(η). */
  linkInverse(eta: number): number;
  /** g(μ). */
  link(mean: number): number;
  /** dμ/dη at η. */
  meanDerivative(eta: number): number;
  /** Var(Y) / φ as a function of μ. */
  variance(mean: number): number;
  /** Whether y is in the family's range (a count >= 0, a proportion in [0, 1]). */
  validOutcome(y: number): boolean;
  /** Whether μ is in the open range of the mean. */
  validMean(mean: number): boolean;
  /** Starting mean for IRLS, from y and the prior weight (R's `mustart`). */
  startingMean(y: number, weight: number): number;
  /** Unit deviance d(y, μ) = 2 [log f(y | y) - log f(y | μ)], before the prior weight. */
  unitDeviance(y: number, mean: number): number;
  /** Log-likelihood of one observation with prior weight w (R's `aic` contributions / -2). */
  logLikelihood(y: number, mean: number, weight: number): number;
  /** Whether μ sits at the edge of its range (the sign of separation; see `FitStatus`). */
  atBoundary(mean: number, meanOutcome: number): boolean;
  /**
   * For a non-canonical link: the observed-information working weight -∂²ℓ/∂η² of one
   * observation (before its prior weight), which turns IRLS into Newton's method. Absent for
   * canonical links, where it equals the expected weight μ'(η)² / V(μ).
   */
  observedWeight?(y: number, mean: number): number;
}

/** y log(y / μ), taken as 0 when y = 0. */
function yLogYOverMu(y: number, mean: number): number {
  return y === 0 ? 0 : y * Math.log(y / mean);
}

/** Smallest η for the log link: keeps μ = e^η above the smallest normal double. */
const LOG_LINK_FLOOR = -700;

const logLinkParts = {
  linkInverse: (eta: number): number => Math.exp(Math.max(eta, LOG_LINK_FLOOR)),
  link: (mean: number): number => Math.log(mean),
  meanDerivative: (eta: number): number => Math.exp(Math.max(eta, LOG_LINK_FLOOR)),
  validOutcome: (y: number): boolean => y >= 0 && Number.isFinite(y),
  validMean: (mean: number): boolean => mean > 0 && Number.isFinite(mean),
  // A fitted count rate a hundred-millionth of the mean count: log-linear separation (for example
  // all-zero counts in a subgroup), where the coefficient runs off to -Infinity.
  atBoundary: (mean: number, meanOutcome: number): boolean => mean < 1e-8 * meanOutcome,
};

/** Poisson family with log link, as R's `poisson()`. */
export const poissonFamily: GlmFamily = {
  name: "poisson",
  ...logLinkParts,
  variance: (mean) => mean,
  startingMean: (y) => y + 0.1,
  unitDeviance: (y, mean) => 2 * (yLogYOverMu(y, mean) - (y - mean)),
  logLikelihood: (y, mean, weight) => weight * (y === 0 ? -mean : y * Math.log(mean) - mean - logGamma(y + 1)),
};

/** Binomial family with logit link, as R's `binomial()`: y a proportion, the weight its number of trials. */
export const binomialFamily: GlmFamily = {
  name: "binomial",
  linkInverse: (eta) => {
    // 1 / (1 + e^-η), kept inside (eps, 1 - eps) as R's binomial()$linkinv does.
    const clamped = Math.min(Math.max(eta, -30), 30);
    return 1 / (1 + Math.exp(-clamped));
  },
  link: (mean) => Math.log(mean / (1 - mean)),
  meanDerivative: (eta) => {
    const clamped = Math.min(Math.max(eta, -30), 30);
    const exponential = Math.exp(-Math.abs(clamped));
    return Math.max(exponential / (1 + exponential) ** 2, Number.EPSILON);
  },
  variance: (mean) => mean * (1 - mean),
  validOutcome: (y) => y >= 0 && y <= 1,
  validMean: (mean) => mean > 0 && mean < 1,
  startingMean: (y, weight) => (weight * y + 0.5) / (weight + 1),
  unitDeviance: (y, mean) => 2 * (yLogYOverMu(y, mean) + yLogYOverMu(1 - y, 1 - mean)),
  logLikelihood: (y, mean, weight) => {
    // Binomial log-probability of the observed successes out of `weight` trials (R's binomial()$aic).
    if (weight === 0) return 0;
    const successes = Math.round(weight * y);
    const trials = Math.round(weight);
    const choose = logGamma(trials + 1) - logGamma(successes + 1) - logGamma(trials - successes + 1);
    const logSuccess = successes === 0 ? 0 : successes * Math.log(mean);
    const logFailure = trials - successes === 0 ? 0 : (trials - successes) * Math.log1p(-mean);
    return choose + logSuccess + logFailure;
  },
  // A fitted probability within 1e-8 of 0 or 1: (quasi-)complete separation.
  atBoundary: (mean) => mean < 1e-8 || mean > 1 - 1e-8,
};

/**
 * Negative binomial family with log link and fixed dispersion θ (Var Y = μ + μ²/θ), as
 * `MASS::negative.binomial(theta)`.
 */
export function negativeBinomialFamily(theta: number): GlmFamily {
  return {
    name: "negative-binomial",
    ...logLinkParts,
    variance: (mean) => mean + (mean * mean) / theta,
    startingMean: (y) => y + 0.1,
    unitDeviance: (y, mean) => 2 * (yLogYOverMu(y, mean) - (y + theta) * Math.log((y + theta) / (mean + theta))),
    logLikelihood: (y, mean, weight) => weight * negativeBinomialLogProbability(y, mean, theta),
    // -∂²ℓ/∂η² for the log link: μ²/V - (y - μ)(μ/V - μ² V'/V²) = θ μ (θ + y) / (θ + μ)², > 0.
    observedWeight: (y, mean) => (theta * mean * (theta + y)) / ((theta + mean) * (theta + mean)),
  };
}

/**
 * log P(Y = y) for a negative binomial with mean μ and dispersion θ:
 * log Γ(θ + y) - log Γ(θ) - log Γ(y + 1) + θ log(θ / (θ + μ)) + y log(μ / (θ + μ)).
 * For integer y up to 1000 the ratio Γ(θ + y) / Γ(θ) is the product θ (θ + 1) ... (θ + y - 1), and
 * the θ terms are written with log1p, so that the result stays accurate when θ is very large (the
 * Poisson limit), where the log-gamma difference and θ log(θ / (θ + μ)) would cancel.
 */
export function negativeBinomialLogProbability(y: number, mean: number, theta: number): number {
  const ratio = mean / theta;
  let logRising: number; // log Γ(θ + y) - log Γ(θ) - y log θ
  if (Number.isInteger(y) && y <= 1000) {
    logRising = 0;
    for (let k = 1; k < y; k++) logRising += Math.log1p(k / theta);
  } else {
    logRising = logGamma(theta + y) - logGamma(theta) - y * Math.log(theta);
  }
  // θ log(θ / (θ + μ)) + y log(μ / (θ + μ)) + y log θ = -(θ + y) log1p(μ/θ) + y log μ.
  const logMean = y === 0 ? 0 : y * Math.log(mean);
  return logRising - (theta + y) * Math.log1p(ratio) + logMean - logGamma(y + 1);
}
