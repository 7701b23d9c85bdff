import { describe, expect, it } from "vitest";
import { niceTicks, renderLinePlot } from "./renderLinePlot";

describe("SVG line plots", () => {
  it("[R3] draws one polyline and one legend entry per series, escaping names", () => {
    const svg = renderLinePlot({
      title: "MAE <test>",
      xLabel: "step",
      yLabel: "MAE",
      series: [
        { name: "a & b", values: [0.3, 0.2, 0.1] },
        { name: "control", values: [0.4, 0.3, Number.NaN], dashed: true },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("MAE &lt;test&gt;");
    expect(svg).toContain("a &amp; b");
    expect(svg).toContain('stroke-dasharray="6 4"');
    // The NaN point is left out: the second line has two points.
    const second = /<polyline points="([^"]*)"[^>]*stroke-dasharray/.exec(svg)?.[1] ?? "";
    expect(second.split(" ")).toHaveLength(2);
  });

  it("[R3] picks round ticks", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 32, 8)).toEqual([5, 10, 15, 20, 25, 30]);
  });
});
