/**
 * The validation targets, in the order the table lists them. To add a target, write
 * `targets/<id>.ts` exporting a `ValidationTarget` (claim, source, method, tolerance, measure) and
 * add it here; docs/calibration.md describes each one.
 */
import { dbtVersusTau } from "./targets/dbt-vs-tau.js";
import { mbtAboveSixty, tauAboveSixty } from "./targets/mbt-functioning.js";
import { naInstabilityVsControls } from "./targets/na-instability-vs-controls.js";
import { naInstabilityVsPtsd } from "./targets/na-instability-vs-ptsd.js";
import { naturalisticRecovery } from "./targets/naturalistic-recovery.js";
import { nssiOverdispersion } from "./targets/nssi-overdispersion.js";
import { nssiPromptRate } from "./targets/nssi-prompt-rate.js";
import { nssiWeeklyRate } from "./targets/nssi-weekly-rate.js";
import { nssiYearPrevalence } from "./targets/nssi-year-prevalence.js";
import { pacVsControls } from "./targets/pac-vs-controls.js";
import { reliefImmediate } from "./targets/relief-immediate.js";
import { reliefNotLasting } from "./targets/relief-not-lasting.js";
import { selbyInteraction } from "./targets/selby-interaction.js";
import { zakiModeration } from "./targets/zaki-moderation.js";
import type { ValidationTarget } from "./types.js";

export const VALIDATION_TARGETS: readonly ValidationTarget[] = [
  nssiYearPrevalence,
  nssiPromptRate,
  nssiOverdispersion,
  nssiWeeklyRate,
  naInstabilityVsControls,
  naInstabilityVsPtsd,
  pacVsControls,
  selbyInteraction,
  zakiModeration,
  reliefImmediate,
  reliefNotLasting,
  dbtVersusTau,
  mbtAboveSixty,
  tauAboveSixty,
  naturalisticRecovery,
];
