/**
 * Naturalistic recovery: without treatment, the share of young people who self-injure in a year falls
 * from adolescence into adulthood (Hudson et al. 2025, the seed study; the size of the fall from
 * Moran et al. 2012). Measured on the naturalistic-recovery study (src/validate/recovery-study.ts).
 */
import { wilsonInterval } from "../../power/wilson.js";
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import { PERSISTING_ARM, RECOVERY_ARM } from "../recovery-study.js";
import type { Measurement, TrialCourse, ValidationTarget } from "../types.js";

/** Weeks in the "year" of a year prevalence. */
export const YEAR_WEEKS = 52;

/** Whether a person has at least one act in the first year and in the last year of the study. */
export interface YearPair {
  first: boolean;
  last: boolean;
}

/**
 * The person's first year (study weeks 0-51: adolescence, ages 13-17 at entry) and last year (the 52
 * weeks up to the end of the last assessment's burst: 9 years later, young adulthood). Undefined
 * when the study is shorter than two years.
 */
export function yearPair(course: TrialCourse): YearPair | undefined {
  const weeks = course.weeklyActs.length;
  if (weeks < 2 * YEAR_WEEKS) return undefined;
  const any = (from: number): boolean => {
    for (let week = from; week < from + YEAR_WEEKS; week++) if (course.weeklyActs[week] > 0) return true;
    return false;
  };
  return { first: any(0), last: any(weeks - YEAR_WEEKS) };
}

/** Share of the pairs with an act in the given year; NaN for none. */
function share(pairs: readonly YearPair[], year: keyof YearPair): number {
  if (pairs.length === 0) return Number.NaN;
  return pairs.filter((pair) => pair[year]).length / pairs.length;
}

/**
 * Relative fall of the year prevalence, 1 - P(last) / P(first): 0 when as many self-injure in the last
 * year as in the first, 1 when nobody does any more. NaN when nobody self-injured in the first year.
 */
export function relativeFall(pairs: readonly YearPair[]): number {
  const first = share(pairs, "first");
  return first > 0 ? 1 - share(pairs, "last") / first : Number.NaN;
}

/** The year pairs of one arm's persons. */
function armPairs(courses: readonly TrialCourse[], arm: string): YearPair[] {
  const pairs: YearPair[] = [];
  for (const course of courses) {
    if (course.arm !== arm) continue;
    const pair = yearPair(course);
    if (pair !== undefined) pairs.push(pair);
  }
  return pairs;
}

/** Mean acts per person-week over the weeks [from, from + YEAR_WEEKS) of one arm's persons. */
function weeklyRate(courses: readonly TrialCourse[], arm: string, last: boolean): number {
  let acts = 0;
  let persons = 0;
  for (const course of courses) {
    if (course.arm !== arm || course.weeklyActs.length < 2 * YEAR_WEEKS) continue;
    const from = last ? course.weeklyActs.length - YEAR_WEEKS : 0;
    for (let week = from; week < from + YEAR_WEEKS; week++) acts += course.weeklyActs[week];
    persons++;
  }
  return persons === 0 ? Number.NaN : acts / (persons * YEAR_WEEKS);
}

/** Prevalence with its Wilson interval, for the details. */
function prevalenceDetails(pairs: readonly YearPair[], year: keyof YearPair, prefix: string): Record<string, number> {
  const events = pairs.filter((pair) => pair[year]).length;
  const [lower, upper] = wilsonInterval(events, pairs.length);
  return { [prefix]: share(pairs, year), [`${prefix}Lower`]: lower, [`${prefix}Upper`]: upper };
}

export const naturalisticRecovery: ValidationTarget = {
  id: "naturalistic-recovery",
  claim: "Without treatment, the share self-injuring in a year falls from adolescence into adulthood",
  source: "Hudson et al. 2025 (seed); Moran et al. 2012",
  reference:
    "Hudson, E., et al. (2025). \"It's like I used to share a room with self-injury, but now it lives next door\": exploring experiences of naturalistic improvement in non-suicidal self-injury. Psychology and Psychotherapy 98(1), 133-148, doi:10.1111/papt.12567 (qualitative, 16 participants; NSSI prevalence falls from adolescence into adulthood; no figure). Moran, P., Coffey, C., Romaniuk, H., et al. (2012). The natural history of self-harm from adolescence to young adulthood: a population-based cohort study. Lancet 379, 236-243, doi:10.1016/S0140-6736(11)61141-0 (1,652 Victorian adolescents followed from age 15 to 29: of the 136 who self-harmed in adolescence, 122 (90%) reported none in young adulthood).",
  method:
    "runTrial (src/trial/) on scenarios/naturalistic-recovery.yaml with the run's seed, restricted to its all-four arm (the four processes of Hudson et al. unfold) and its none arm, randomised 3:1 (src/validate/recovery-study.ts); adolescents aged 13-17 followed for 9 years. Per person of the all-four arm: any true NSSI act in the first year (study weeks 0-51) and in the last (the 52 weeks up to the end of the year-9 burst). Value: the relative fall of the year prevalence, 1 - P(last) / P(first), with a percentile bootstrap over persons (each person's two years resampled together). Details: both prevalences with Wilson intervals, acts per person-week, and the same figures for the none arm (no process: the fall should not appear).",
  unit: "relative fall",
  studies: ["recovery-trial"],
  tolerance: {
    bounds: [{ min: 0.33, max: 0.9 }, { on: "lower", min: 0 }],
    rationale:
      "The seed study gives no figure. At least a third: a clear fall, beyond what a cohort of 36 persons (the CI size) could show by chance; at most 0.9: Moran et al. (2012) found 90% of adolescent self-harmers in a community cohort free of self-harm in young adulthood, and a cohort selected for current, repeated NSSI (weekly acts at entry) should not desist more completely than that. The lower end of the interval must be above 0 (the fall is not sampling noise).",
  },
  measure({ data, seed, resamples }): Measurement {
    const trial = data.trials["recovery-trial"];
    const pairs = trial === undefined ? [] : armPairs(trial.courses, RECOVERY_ARM);
    if (trial === undefined || pairs.length === 0) {
      return { value: Number.NaN, lower: Number.NaN, upper: Number.NaN, interval: `no ${RECOVERY_ARM} persons followed for two years or more`, basis: "" };
    }
    const persisting = armPairs(trial.courses, PERSISTING_ARM);
    const interval = bootstrapInterval([pairs], ([sample]) => relativeFall(sample), resamples, `${seed}/naturalistic-recovery`);
    return {
      value: relativeFall(pairs),
      lower: interval.lower,
      upper: interval.upper,
      interval: `${bootstrapLabel(interval)} (paired: first and last year of a person together)`,
      basis: `${pairs.length} persons (${RECOVERY_ARM}), ${Math.round((trial.courses[0].weeklyActs.length * 7) / 365.25)} years`,
      details: {
        persons: pairs.length,
        ...prevalenceDetails(pairs, "first", "firstYear"),
        ...prevalenceDetails(pairs, "last", "lastYear"),
        actsPerWeekFirstYear: weeklyRate(trial.courses, RECOVERY_ARM, false),
        actsPerWeekLastYear: weeklyRate(trial.courses, RECOVERY_ARM, true),
        persistingPersons: persisting.length,
        persistingFirstYear: share(persisting, "first"),
        persistingLastYear: share(persisting, "last"),
        persistingRelativeFall: relativeFall(persisting),
      },
    };
  },
};
