import { expect, type Page, request } from "@playwright/test";
import { countDistinctColours } from "./countDistinctColours";

export const BASE = "http://127.0.0.1:5191";

/** A token for a demo user (password `<name>-demo`). */
export async function tokenFor(name: string): Promise<string> {
  const api = await request.newContext({ baseURL: BASE });
  const r = await api.post("/api/login", { data: { name, password: `${name}-demo` } });
  expect(r.status()).toBe(200);
  const { token } = (await r.json()) as { token: string };
  await api.dispose();
  return token;
}

/** Opens the viewer as `name` on the demo dataset and waits until it is connected. */
export async function openAs(page: Page, name: string): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/?token=${await tokenFor(name)}&dataset=demo`);
  await expect(page.getByRole("toolbar", { name: "tools" })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".conn.connected")).toBeVisible({ timeout: 30_000 });
  (page as unknown as { danioErrors: string[] }).danioErrors = errors;
}

export interface SessionProbe {
  rootOf(sv: string): string | undefined;
  selected: string[];
  seq: number;
}

/** Runs `fn` with the page's viewer session (window.__danio.session). */
export function withSession<T, A = undefined>(
  page: Page,
  fn: (session: never, arg: A) => T,
  arg?: A,
): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const session = (window as unknown as { __danio: { session: unknown } }).__danio.session;
      return new Function("session", "arg", `return (${source})(session, arg);`)(session, a);
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

/** A screenshot of a locator kept as a test artefact; returns how many colours it has. */
export async function keepScreenshot(
  page: Page,
  selector: string,
  name: string,
  testInfo: {
    outputPath(p: string): string;
    attach(n: string, o: { path: string; contentType: string }): Promise<void>;
  },
): Promise<number> {
  const path = testInfo.outputPath(`${name}.png`);
  const png = await page.locator(selector).first().screenshot({ path, timeout: 60_000 });
  await testInfo.attach(name, { path, contentType: "image/png" });
  return countDistinctColours(png);
}

/** Two adjacent supervoxels of different segments (per the server's membership), close enough to merge. */
export async function mergeablePair(
  page: Page,
  datasetDir: string,
): Promise<{ a: string; b: string; posA: [number, number, number]; posB: [number, number, number] }> {
  const { loadDataset } = await import("@danio/dataset");
  const ds = loadDataset(datasetDir);
  const g = ds.graph;
  const max = ds.manifest.proofreading.maxMergeDistance;
  const roots = await withSession(page, (s: { mapping: { entries(): Iterable<[string, string]> } }) => [
    ...s.mapping.entries(),
  ]);
  const rootOf = new Map(roots);
  for (let e = 0; e < g.edgeA.length; e++) {
    const i = g.edgeA[e]!;
    const j = g.edgeB[e]!;
    const a = String(g.ids[i]);
    const b = String(g.ids[j]);
    if (rootOf.get(a) === rootOf.get(b)) continue;
    const p = [g.positions[3 * i]!, g.positions[3 * i + 1]!, g.positions[3 * i + 2]!] as [
      number,
      number,
      number,
    ];
    const q = [g.positions[3 * j]!, g.positions[3 * j + 1]!, g.positions[3 * j + 2]!] as [
      number,
      number,
      number,
    ];
    if (Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) > max) continue;
    return { a, b, posA: p, posB: q };
  }
  throw new Error(`${datasetDir}: no mergeable pair`);
}

export const DEMO_DATASET_DIR = new URL("../results/e2e-demo/demo", import.meta.url).pathname;
