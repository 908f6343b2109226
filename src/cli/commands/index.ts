/**
 * The list of subcommands. Each module exports `register(program)`; add new commands here.
 */
import type { Command } from "commander";
import { register as registerAnalyze } from "./analyze.js";

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [registerAnalyze];
