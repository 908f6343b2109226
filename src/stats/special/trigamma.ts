/**
 * **Trigamma function** ψ'(x) = d²/dx² log Γ(x), for x > 0.
 *
 * Used for the observed information of the negative binomial dispersion θ. Method: the recurrence
 * ψ'(x) = ψ'(x + 1) + 1/x² moves x to >= 10, where the asymptotic series
 * ψ'(x) = 1/x + 1/(2x²) + Σ_k B_2k / x^(2k+1) (B_2k the Bernoulli numbers), to the x^-15 term, has a
 * truncation error below 1e-16 relative. Source: Abramowitz & Stegun 6.4.12,
 * https://dlmf.nist.gov/5.15
 *
 * @param x a positive number
 * @returns ψ'(x); NaN for x <= 0 or NaN
 * @example
 * trigamma(1); // => 1.6449340668482264 (pi^2 / 6)
 */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inverse = 1 / x;
  const inverseSquare = inverse * inverse;
  // B_2 = 1/6, B_4 = -1/30, B_6 = 1/42, B_8 = -1/30, B_10 = 5/66, B_12 = -691/2730, B_14 = 7/6.
  const series =
    inverseSquare *
    (1 / 6 -
      inverseSquare * (1 / 30 - inverseSquare * (1 / 42 - inverseSquare * (1 / 30 - inverseSquare * (5 / 66 - inverseSquare * (691 / 2730 - (inverseSquare * 7) / 6))))));
  return inverse * (1 + 0.5 * inverse + series) + shift;
}
