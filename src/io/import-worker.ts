/**
 * The worker-thread side of the second pass of `cascade analyze` (run by piscina from dist/): the
 * options, pooled statistics and output columns arrive once as `workerData`; each task is a batch of
 * persons (in file order) and gets back their metric rows, as objects for the summaries kept in the
 * main thread and as formatted CSV text.
 */
import { workerData } from "node:worker_threads";
import { analyzePerson, type PersonVariableMetrics } from "../analysis/analyzePerson.js";
import type { AnalysisOptions } from "../analysis/options.js";
import type { PooledStatistics } from "../analysis/pooledStatistics.js";
import type { PersonSeries } from "../analysis/types.js";
import { metricRowFormatter } from "./import-pipeline.js";

/** Data every worker receives once. */
export interface AnalysisWorkerData {
  options: AnalysisOptions;
  pooled: PooledStatistics;
  columns: readonly string[];
}

/** One task: persons and their truth records (parallel). */
export interface AnalysisTask {
  persons: PersonSeries[];
  truths: (Readonly<Record<string, number>> | undefined)[];
}

/** The rows of each person of a task, and all of them as CSV lines. */
export interface AnalysisTaskResult {
  rows: PersonVariableMetrics[][];
  text: string;
  count: number;
}

const data = workerData as AnalysisWorkerData;
const format = metricRowFormatter(data.columns);

/** Analyses one batch of persons. */
export default function analyzeBatch(task: AnalysisTask): AnalysisTaskResult {
  const rows: PersonVariableMetrics[][] = [];
  let text = "";
  let count = 0;
  task.persons.forEach((person, i) => {
    const personRows = analyzePerson(person, data.options, data.pooled);
    for (const row of personRows) text += format(row, task.truths[i]);
    count += personRows.length;
    rows.push(personRows);
  });
  return { rows, text, count };
}
