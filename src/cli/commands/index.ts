/**
 * The list of subcommands. Each module exports `register(program)`; add new commands here.
 */
import type { Command } from "commander";
import { register as registerAnalyze } from "./analyze.js";
import { register as registerChart } from "./chart.js";
import { register as registerReport } from "./report.js";
import { register as registerScenarios } from "./scenarios.js";
import { register as registerSimulate } from "./simulate.js";
import { register as registerSweep } from "./sweep.js";
import { register as registerMerge } from "./merge.js";
import { register as registerPower } from "./power.js";
import { register as registerExplore } from "./explore.js";
import { register as registerTrial } from "./trial.js";
import { register as registerValidate } from "./validate.js";

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [registerSimulate, registerScenarios, registerAnalyze, registerChart, registerReport, registerSweep, registerMerge, registerPower, registerExplore, registerValidate, registerTrial];
