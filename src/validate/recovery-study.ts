/**
 * The naturalistic-recovery study of the validation suite: scenarios/naturalistic-recovery.yaml with
 * two of its arms. Browser-safe.
 *
 * The scenario allocates persons to six "arms" (which of Hudson et al.'s four processes unfold: each
 * alone, all four, or none). The calibration target (NSSI prevalence falls from adolescence into
 * adulthood) is about the naturalistic course, the `all-four` arm; the `none` arm (a counterfactual
 * persisting course) is kept, at a third of the size, to show that the fall comes from the processes
 * and not from a drift of the model. The single-process arms answer another question (which process
 * moves what) and are left out, so the study costs a third of the scenario's six-arm trial per
 * person of the recovering arm. Everything else (population, processes, assessments, seed scheme)
 * is the scenario's own.
 */
import { CascadeError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";

/** The arm whose course the target measures: all four processes unfold. */
export const RECOVERY_ARM = "all-four";
/** The counterfactual arm: none of the four processes. */
export const PERSISTING_ARM = "none";
/** Allocation ratio recovering : persisting (permuted blocks of 8). */
export const RECOVERY_RATIOS = { recovering: 3, persisting: 1 } as const;

/**
 * The scenario restricted to the `all-four` and `none` arms, 3:1, `none` the control. Throws a
 * CascadeError naming the field when the scenario has no trial or lacks either arm.
 */
export function recoveryStudyScenario(scenario: Scenario, fileName = "naturalistic-recovery.yaml"): Scenario {
  const trial = scenario.trial;
  if (trial === null) throw new CascadeError("the naturalistic-recovery study needs the scenario's `trial:` section", { file: fileName, field: "trial" });
  const find = (name: string) => {
    const arm = trial.arms.find((a) => a.name === name);
    if (arm === undefined) throw new CascadeError(`the naturalistic-recovery study needs an arm named "${name}"; the arms are ${trial.arms.map((a) => a.name).join(", ")}`, { file: fileName, field: "trial.arms" });
    return arm;
  };
  const recovering = { ...find(RECOVERY_ARM), ratio: RECOVERY_RATIOS.recovering };
  const persisting = { ...find(PERSISTING_ARM), ratio: RECOVERY_RATIOS.persisting };
  return { ...scenario, trial: { ...trial, arms: [recovering, persisting], control: PERSISTING_ARM, blockSize: undefined } };
}
