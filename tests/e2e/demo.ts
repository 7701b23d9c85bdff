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

/** Two adjacent supervoxels of different segments (per the page's mapping), close enough to merge. */
export async function mergeablePair(
  page: Page,
  datasetDir: string,
): Promise<{ a: string; b: string; posA: [number, number, number]; posB: [number, number, number] }> {
  const { mergeCandidate } = await import("@danio/server");
  const entries = await withSession(page, (s: { mapping: { entries(): Iterable<[string, string]> } }) => [
    ...s.mapping.entries(),
  ]);
  const rootOf = new Map(entries);
  const { a, b, posA, posB } = mergeCandidate(datasetDir, (sv) => rootOf.get(String(sv)));
  return { a: String(a), b: String(b), posA, posB };
}

export const DEMO_DATASET_DIR = new URL("../results/e2e-demo/demo", import.meta.url).pathname;
