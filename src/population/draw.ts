/**
 * Drawing one person's parameters and covariates from their group's distributions (MODEL.md
 * section 5).
 *
 * Every person-level quantity (each parameter, then the covariates female, ptsd, age, trauma, in
 * that fixed order) gets one independent standard normal score from the person's `parameters`
 * stream, whether or not it varies, so the draws of one quantity never depend on how others are
 * specified. Scores of correlated quantities are mixed by the Cholesky factor of their correlation
 * matrix (a Gaussian copula), then each score is turned into a value by inversion of its own
 * distribution (`valueAtScore`).
 */
import { PARAMETER_NAMES, type ParameterName, type PersonParameters } from "../model/parameters.js";
import type { RandomStream } from "../random/stream.js";
import { CORRELATABLE, type Group } from "../scenario/schema.js";
import { choleskyLower } from "./cholesky.js";
import { binaryAtScore, valueAtScore } from "./distributions.js";

/** A person's covariates. */
export interface PersonCovariates {
  /** 1 female, 0 not. */
  female: 0 | 1;
  /** 1 with PTSD comorbidity (meets trauma-reminder stressors), 0 without. */
  ptsd: 0 | 1;
  /** Age in years. */
  age: number;
  /** Childhood-trauma severity, 0..1. */
  trauma: number;
}

/** The covariate names, in output order. */
export const COVARIATE_NAMES = ["female", "ptsd", "age", "trauma"] as const;

export interface DrawnPerson {
  parameters: PersonParameters;
  covariates: PersonCovariates;
}

/** The normal scores of every quantity, correlated as the group asks. */
function normalScores(group: Pick<Group, "correlations">, stream: RandomStream): Map<string, number> {
  const scores = new Map<string, number>();
  for (const name of CORRELATABLE) scores.set(name, stream.normal());
  if (group.correlations.length === 0) return scores;
  const names = CORRELATABLE.filter((name) => group.correlations.some((c) => c.between.includes(name)));
  const matrix = names.map((row) =>
    names.map((column) => {
      if (row === column) return 1;
      const pair = group.correlations.find((c) => c.between.includes(row) && c.between.includes(column));
      return pair?.r ?? 0;
    }),
  );
  const lower = choleskyLower(matrix);
  if (lower === undefined) throw new Error("drawPerson: correlation matrix is not positive semi-definite (the scenario checks should have caught this)");
  const independent = names.map((name) => scores.get(name) ?? 0);
  names.forEach((name, i) => {
    let mixed = 0;
    for (let j = 0; j <= i; j++) mixed += lower[i][j] * independent[j];
    scores.set(name, mixed);
  });
  return scores;
}

/**
 * One person of `group`: parameters and covariates drawn from `stream` (the person's `parameters`
 * stream). Deterministic given the stream's seed.
 */
export function drawPerson(group: Pick<Group, "parameters" | "covariates" | "correlations">, stream: RandomStream): DrawnPerson {
  const scores = normalScores(group, stream);
  const parameters = {} as PersonParameters;
  for (const name of PARAMETER_NAMES) {
    parameters[name as ParameterName] = valueAtScore(group.parameters[name], scores.get(name) ?? 0);
  }
  const covariates: PersonCovariates = {
    female: binaryAtScore(group.covariates.female, scores.get("female") ?? 0),
    ptsd: binaryAtScore(group.covariates.ptsd, scores.get("ptsd") ?? 0),
    age: valueAtScore(group.covariates.age, scores.get("age") ?? 0),
    trauma: valueAtScore(group.covariates.trauma, scores.get("trauma") ?? 0),
  };
  return { parameters, covariates };
}
