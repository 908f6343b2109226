/**
 * Monte Carlo power, browser-safe (no `node:` imports): the tests, plans and tasks, power per
 * setting with Wilson intervals, and the power-curve chart. Running in worker threads and writing the
 * directory is in `./run.js` (`runPower`, exported from the package's top level). docs/power.md
 * states each test's model.
 */
export {
  POWER_TESTS,
  SELBY_MODELS,
  ZAKI_METHODS,
  selbyTest,
  zakiTest,
  mssdDifferenceTest,
  type PowerTest,
  type SelbyModel,
  type ZakiMethod,
  type TestResult,
  type TestOptions,
} from "./tests.js";
export { PowerContext, powerSettings, settingLabel, POWER_SEED_SCHEME, type PowerPlan, type PowerSetting, type ReplicateResult } from "./plan.js";
export { summarisePower, isSignificant, powerChart, testLabel, type PowerRow } from "./summary.js";
export { wilsonInterval } from "./wilson.js";
