import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { countDistinctColours } from "./countDistinctColours";

test("the viewer page renders a WebGL2 canvas with a lit scene", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  await expect(page.getByText("Danio")).toBeVisible();
  const canvas = page.locator("canvas");
  await expect(canvas).toBeVisible();
  const isWebGL2 = await canvas.evaluate((c: HTMLCanvasElement) => {
    // R3F has already created the context; asking for the same kind returns it, another kind returns null.
    return c.getContext("webgl2") !== null;
  });
  expect(isWebGL2).toBe(true);
  // Let the demand-driven frame loop draw at least once.
  await page.waitForTimeout(500);
  const png = await canvas.screenshot({ timeout: 30_000 });
  await testInfo.attach("main-view", { body: png, contentType: "image/png" });
  writeFileSync(testInfo.outputPath("main-view.png"), png);
  expect(countDistinctColours(png)).toBeGreaterThan(10);
  expect(errors).toEqual([]);
});
