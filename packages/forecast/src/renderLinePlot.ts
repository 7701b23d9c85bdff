/**
 * A small SVG line-plot writer for the report (SPEC.md R3): axes with round-number ticks, one polyline per
 * series, a legend. Pure: returns the SVG text.
 */
export interface PlotSeries {
  name: string;
  /** y values at x = 1, 2, …, values.length. */
  values: readonly number[];
  dashed?: boolean;
}

export interface LinePlot {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly PlotSeries[];
}

export const PLOT_COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Round-number ticks covering [lo, hi] (about `count` of them). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0)
    ? v.toExponential(1)
    : String(Number(v.toPrecision(4)));

export function renderLinePlot(plot: LinePlot): string {
  const W = 760;
  const H = 440;
  const left = 70;
  const right = 200;
  const top = 40;
  const bottom = 55;
  const pw = W - left - right;
  const ph = H - top - bottom;
  let xMax = 1;
  let yLo = Number.POSITIVE_INFINITY;
  let yHi = Number.NEGATIVE_INFINITY;
  for (const s of plot.series) {
    xMax = Math.max(xMax, s.values.length);
    for (const v of s.values) {
      if (!Number.isFinite(v)) continue;
      yLo = Math.min(yLo, v);
      yHi = Math.max(yHi, v);
    }
  }
  if (!Number.isFinite(yLo)) {
    yLo = 0;
    yHi = 1;
  }
  if (yHi === yLo) {
    yLo -= 0.5 * (Math.abs(yLo) || 1);
    yHi += 0.5 * (Math.abs(yHi) || 1);
  }
  const pad = 0.05 * (yHi - yLo);
  yLo -= pad;
  yHi += pad;
  const X = (x: number) => left + (xMax === 1 ? pw / 2 : ((x - 1) / (xMax - 1)) * pw);
  const Y = (y: number) => top + (1 - (y - yLo) / (yHi - yLo)) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(
    `<text x="${left + pw / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(plot.title)}</text>`,
  );
  for (const t of niceTicks(yLo, yHi, 6)) {
    const y = Y(t).toFixed(1);
    out.push(`<line x1="${left}" x2="${left + pw}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  for (const t of niceTicks(1, xMax, 8).filter((v) => Number.isInteger(v) && v >= 1)) {
    const x = X(t).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${top + ph}" y2="${top + ph + 5}" stroke="black"/>`);
    out.push(`<text x="${x}" y="${top + ph + 18}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`);
  out.push(`<text x="${left + pw / 2}" y="${H - 12}" text-anchor="middle">${escapeXml(plot.xLabel)}</text>`);
  out.push(
    `<text x="16" y="${top + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + ph / 2})">${escapeXml(plot.yLabel)}</text>`,
  );
  for (const [k, s] of plot.series.entries()) {
    const color = PLOT_COLORS[k % PLOT_COLORS.length];
    const pts = s.values
      .map((v, i) => (Number.isFinite(v) ? `${X(i + 1).toFixed(1)},${Y(v).toFixed(1)}` : null))
      .filter((p) => p !== null)
      .join(" ");
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : "";
    out.push(
      `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"${dash}><title>${escapeXml(s.name)}</title></polyline>`,
    );
    const ly = top + 10 + k * 18;
    out.push(
      `<line x1="${left + pw + 12}" x2="${left + pw + 36}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${left + pw + 42}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
