/**
 * The phase chart: rumination against negative affect, the picture of the Emotional Cascade Model as
 * a dynamic system.
 *
 * Layers, back to front: the drift's flow field (grey arrows showing where the deterministic part of
 * the model pushes a state from each point; fainter where it pushes weakly), the two nullclines
 * (where negative affect, and where rumination, stops changing: the fixed points are their
 * crossings), one person's trajectory coloured by time, and the fixed points: the calm and cascade
 * attractors as filled circles and the tipping point between them as an open circle.
 *
 * The drift is passed in as a function, so the chart does not depend on how the engine computes it;
 * the fixed points are either passed in or found with `findFixedPoints`.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { findFixedPoints, labelFixedPoints, type Drift, type FixedPoint, type PhaseExtent } from "./fixed-points.js";
import { finishSpec, roundTo, type VlObject } from "./spec.js";
import { okabeIto, quantityColour } from "./theme.js";
import type { LatentSample } from "./timeline.js";

export interface PhaseInput {
  /** One person's latent trajectory, in time order (hours since the study began). */
  trajectory: readonly LatentSample[];
  /** The deterministic rates (dA/dt, dR/dt) per hour, with no noise and no stress input. */
  drift: Drift;
  /** The drift's fixed points; found with `findFixedPoints` over the plotted extent when absent. */
  fixedPoints?: readonly FixedPoint[];
  /** The person's identifier, for the subtitle. */
  person?: string;
  /** A line for the subtitle naming the parameters used, for example "coupling 1.1, differentiation 0.3". */
  parameterNote?: string;
}

export interface PhaseOptions {
  /** The region plotted; by default it covers the trajectory and the fixed points with a margin. */
  extent?: PhaseExtent;
  /** Arrows per side of the flow field (default 17). */
  arrowsPerSide?: number;
  /** Draw the nullclines (default true). */
  nullclines?: boolean;
  /** Grid lines scanned for each nullcline (default 240; see `nullclinePoints`). Fewer are faster and coarser. */
  nullclineResolution?: number;
  /** At most this many trajectory segments (longer trajectories are thinned evenly; default 2500). */
  maxTrajectoryPoints?: number;
  /** Plot width and height in pixels (default 640 by 520). */
  width?: number;
  height?: number;
}

function niceRange(values: readonly number[], margin: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(-1, ...finite) - margin;
  const high = Math.max(1, ...finite) + margin;
  return [Math.floor(low), Math.ceil(high)];
}

/** The default plotted region: the trajectory and fixed points with half a unit to spare, out to whole units. */
export function phaseExtent(trajectory: readonly LatentSample[], fixedPoints: readonly FixedPoint[]): PhaseExtent {
  return {
    A: niceRange([...trajectory.map((s) => s.A), ...fixedPoints.map((p) => p.A)], 0.5),
    R: niceRange([...trajectory.map((s) => s.R), ...fixedPoints.map((p) => p.R)], 0.5),
  };
}

/**
 * Points on the nullclines of `drift` inside `extent`: for `which` = "A" the curve where dA/dt = 0
 * (scanning A along each row of constant R), for "R" where dR/dt = 0 (scanning R along each column
 * of constant A). Sign changes on a grid of `resolution` steps are refined by bisection. `branch`
 * numbers the roots along each scan line, so a curve that folds back is drawn as separate lines.
 */
export function nullclinePoints(
  drift: Drift,
  extent: PhaseExtent,
  which: "A" | "R",
  resolution = 240,
): Array<{ A: number; R: number; branch: number }> {
  const [scanMin, scanMax] = which === "A" ? extent.A : extent.R;
  const [lineMin, lineMax] = which === "A" ? extent.R : extent.A;
  const rate = (scan: number, line: number): number => {
    const [dA, dR] = which === "A" ? drift(scan, line) : drift(line, scan);
    return which === "A" ? dA : dR;
  };
  const points: Array<{ A: number; R: number; branch: number }> = [];
  for (let i = 0; i <= resolution; i++) {
    const line = lineMin + (i / resolution) * (lineMax - lineMin);
    let branch = 0;
    let previousScan = scanMin;
    let previousRate = rate(scanMin, line);
    for (let j = 1; j <= resolution * 2; j++) {
      const scan = scanMin + (j / (resolution * 2)) * (scanMax - scanMin);
      const current = rate(scan, line);
      if (previousRate === 0 || Math.sign(current) !== Math.sign(previousRate)) {
        let low = previousScan;
        let high = scan;
        let lowRate = previousRate;
        for (let step = 0; step < 40; step++) {
          const mid = (low + high) / 2;
          const midRate = rate(mid, line);
          if (Math.sign(midRate) === Math.sign(lowRate) && midRate !== 0) {
            low = mid;
            lowRate = midRate;
          } else {
            high = mid;
          }
        }
        const root = (low + high) / 2;
        points.push(which === "A" ? { A: root, R: line, branch } : { A: line, R: root, branch });
        branch += 1;
      }
      previousScan = scan;
      previousRate = current;
    }
  }
  return points;
}

/** A nominal field with fixed colours, listed in a one-column legend right of the plot. */
function rightLegendScale(field: string, title: string, domain: readonly string[], range: readonly string[], legend: VlObject = {}): VlObject {
  return {
    field,
    type: "nominal",
    title,
    scale: { domain: [...domain], range: [...range] },
    legend: { orient: "right", direction: "vertical", columns: 1, ...legend },
  };
}

/**
 * The phase chart (see the module comment). Datasets: `flow` (one row per arrow), `nullclines`,
 * `trajectory` (one row per segment) and `fixedPoints` (one row per fixed point, with `kind` and
 * `label`).
 */
export function phaseChart(input: PhaseInput, options: PhaseOptions = {}): TopLevelSpec {
  const width = options.width ?? 640;
  const height = options.height ?? 520;
  const provisional = phaseExtent(input.trajectory, input.fixedPoints ?? []);
  let fixedPoints = input.fixedPoints === undefined ? undefined : labelFixedPoints(input.fixedPoints);
  if (fixedPoints === undefined) {
    // Search a generous region so attractors outside the trajectory's range are still found.
    const searchExtent = options.extent ?? {
      A: [provisional.A[0] - 2, provisional.A[1] + 4] as const,
      R: [provisional.R[0] - 2, provisional.R[1] + 4] as const,
    };
    fixedPoints = findFixedPoints(input.drift, searchExtent);
  }
  const extent = options.extent ?? phaseExtent(input.trajectory, fixedPoints);
  const [minA, maxA] = extent.A;
  const [minR, maxR] = extent.R;

  // Flow field: arrows at cell centres. Angles are computed in screen space (the two axes have
  // different pixels per unit), clockwise from "up" as Vega's symbol angle expects.
  const arrowsPerSide = options.arrowsPerSide ?? 17;
  const pixelsPerA = width / (maxA - minA);
  const pixelsPerR = height / (maxR - minR);
  const rawFlow: Array<{ A: number; R: number; angle: number; speed: number }> = [];
  for (let i = 0; i < arrowsPerSide; i++) {
    for (let j = 0; j < arrowsPerSide; j++) {
      const A = minA + ((i + 0.5) / arrowsPerSide) * (maxA - minA);
      const R = minR + ((j + 0.5) / arrowsPerSide) * (maxR - minR);
      const [dA, dR] = input.drift(A, R);
      const angle = (Math.atan2(dA * pixelsPerA, dR * pixelsPerR) * 180) / Math.PI;
      rawFlow.push({ A, R, angle: (angle + 360) % 360, speed: Math.hypot(dA, dR) });
    }
  }
  const flow = rawFlow.map((arrow) => ({
    A: roundTo(arrow.A, 4),
    R: roundTo(arrow.R, 4),
    angle: roundTo(arrow.angle, 1),
    speed: roundTo(arrow.speed, 4),
  }));

  const nullclines =
    options.nullclines === false
      ? []
      : [
          ...nullclinePoints(input.drift, extent, "A", options.nullclineResolution).map((p) => ({ ...p, curve: "Negative affect stops changing" })),
          ...nullclinePoints(input.drift, extent, "R", options.nullclineResolution).map((p) => ({ ...p, curve: "Rumination stops changing" })),
        ].map((p) => ({ A: roundTo(p.A, 4), R: roundTo(p.R, 4), branch: `${p.curve} ${p.branch}`, curve: p.curve }));

  const maxSegments = options.maxTrajectoryPoints ?? 2500;
  const samples = [...input.trajectory].sort((a, b) => a.hours - b.hours);
  const stride = Math.max(1, Math.ceil(samples.length / maxSegments));
  const thinned = samples.filter((_, index) => index % stride === 0 || index === samples.length - 1);
  const trajectory = thinned.slice(1).map((sample, index) => ({
    days: roundTo(thinned[index].hours / 24, 3),
    A: roundTo(thinned[index].A, 3),
    R: roundTo(thinned[index].R, 3),
    A2: roundTo(sample.A, 3),
    R2: roundTo(sample.R, 3),
  }));

  const kindName: Record<FixedPoint["kind"], string> = {
    stable: "Attractor (stable state)",
    saddle: "Tipping point (saddle)",
    unstable: "Unstable state",
  };
  const fixedRows = fixedPoints
    .filter((p) => p.A >= minA && p.A <= maxA && p.R >= minR && p.R <= maxR)
    .map((p) => ({ A: roundTo(p.A, 6), R: roundTo(p.R, 6), kind: p.kind, kindName: kindName[p.kind], label: p.label ?? "" }));

  const kindFill: Record<FixedPoint["kind"], string> = { stable: okabeIto.yellow, saddle: "white", unstable: "#BBBBBB" };
  const presentKinds = (["stable", "saddle", "unstable"] as const).filter((kind) => fixedRows.some((row) => row.kind === kind));
  const stateAxis = (field: "A" | "R", name: string, domain: readonly [number, number]): VlObject => ({
    field,
    type: "quantitative",
    title: `${name} (standardised units; 0 = calm)`,
    scale: { domain: [...domain], nice: false, zero: false },
    axis: { format: "~r", tickMinStep: 1 },
  });
  const xA = stateAxis("A", "Negative affect", extent.A);
  const yR = stateAxis("R", "Rumination", extent.R);
  const maxSpeed = Math.max(...rawFlow.map((a) => a.speed), 1e-12);

  const layers: VlObject[] = [
    {
      name: "flow",
      data: { name: "flow" },
      mark: { type: "point", shape: "arrow", filled: true, color: "#7F7F7F", size: 320, clip: true },
      encoding: {
        x: xA,
        y: yR,
        angle: { field: "angle", type: "quantitative", scale: { domain: [0, 360], range: [0, 360] } },
        opacity: {
          field: "speed",
          type: "quantitative",
          scale: { type: "sqrt", domain: [0, roundTo(maxSpeed, 4)], range: [0.2, 0.85] },
          legend: null,
        },
      },
    },
  ];
  if (nullclines.length > 0) {
    layers.push({
      name: "nullclines",
      data: { name: "nullclines" },
      mark: { type: "line", strokeWidth: 2.5, strokeDash: [8, 5], clip: true },
      encoding: {
        x: { field: "A", type: "quantitative" },
        y: { field: "R", type: "quantitative" },
        detail: { field: "branch", type: "nominal" },
        order: { field: "A", type: "quantitative" },
        color: rightLegendScale(
          "curve",
          "Nullclines",
          ["Negative affect stops changing", "Rumination stops changing"],
          [quantityColour.negativeAffect, quantityColour.rumination],
        ),
      },
    });
  }
  if (trajectory.length > 0) {
    layers.push({
      name: "trajectory",
      data: { name: "trajectory" },
      mark: { type: "rule", strokeWidth: 2, opacity: 0.8, clip: true },
      encoding: {
        x: { field: "A", type: "quantitative" },
        y: { field: "R", type: "quantitative" },
        x2: { field: "A2" },
        y2: { field: "R2" },
        color: {
          field: "days",
          type: "quantitative",
          title: "Time in the study (days)",
          scale: { scheme: "viridis" },
          legend: { orient: "right", direction: "vertical", gradientLength: 200 },
        },
      },
    });
  }
  layers.push(
    {
      name: "fixedPoints",
      data: { name: "fixedPoints" },
      mark: { type: "point", size: 520, strokeWidth: 3.5, filled: false, stroke: okabeIto.black, opacity: 1 },
      encoding: {
        x: { field: "A", type: "quantitative" },
        y: { field: "R", type: "quantitative" },
        fill: rightLegendScale(
          "kindName",
          "Fixed points",
          presentKinds.map((kind) => kindName[kind]),
          presentKinds.map((kind) => kindFill[kind]),
          { symbolStrokeColor: okabeIto.black, symbolStrokeWidth: 2 },
        ),
        tooltip: [
          { field: "label", type: "nominal", title: "state" },
          { field: "A", type: "quantitative", format: ".3f", title: "negative affect" },
          { field: "R", type: "quantitative", format: ".3f", title: "rumination" },
        ],
      },
    },
    // Labels twice: a thick white halo first, then the black text, so they read over the trajectory.
    ...[
      { name: "fixedPointLabels", style: { stroke: "white", strokeWidth: 5, strokeOpacity: 0.9 } },
      { name: "fixedPointLabelsInk", style: { color: okabeIto.black } },
    ].map(({ name, style }) => ({
      name,
      data: { name: "fixedPoints" },
      mark: { type: "text", align: "left", dx: 18, dy: -14, fontSize: 20, fontWeight: "bold", ...style },
      encoding: { x: { field: "A", type: "quantitative" }, y: { field: "R", type: "quantitative" }, text: { field: "label" } },
    })),
  );

  const subtitle = [
    `${input.person === undefined ? "A person" : `Person ${input.person}`}'s path through the states, coloured by time. Arrows: where the model pushes each state (no noise, no stress).`,
  ];
  if (input.parameterNote !== undefined) subtitle.push(input.parameterNote);

  const attractors = fixedRows.filter((row) => row.kind === "stable").map((row) => row.label);
  const title =
    attractors.length === 2
      ? `Two resting states: ${attractors[0]} and ${attractors[1]}`
      : attractors.length === 1
        ? `One resting state: ${attractors[0]}`
        : `${attractors.length} resting states`;
  return finishSpec({
    title: { text: title, subtitle },
    width,
    height,
    datasets: { flow, nullclines, trajectory, fixedPoints: fixedRows },
    layer: layers,
    resolve: { scale: { color: "independent" } },
  });
}
