import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_DATASET_DIR, keepScreenshot, mergeablePair, openAs, tokenFor, withSession } from "./demo";

type S = {
  rootOf(sv: string): string | undefined;
  pick(sv: string, pos: [number, number, number], additive?: boolean): void;
  select(root: string): void;
  dispatch(e: unknown): void;
  setCursor(p: [number, number, number] | null): void;
  store: {
    getState(): {
      selected: string[];
      seq: number;
      preview: unknown;
      peers: { user: { name: string }; cursor: unknown }[];
    };
  };
};

test.describe.configure({ mode: "serial" });

let pair: Awaited<ReturnType<typeof mergeablePair>>;

async function twoUsers(browser: Browser, a: string, b: string): Promise<[Page, Page]> {
  const pa = await (await browser.newContext()).newPage();
  const pb = await (await browser.newContext()).newPage();
  await openAs(pa, a);
  await openAs(pb, b);
  return [pa, pb];
}

test("A merges two segments; B sees one segment, coloured as one, without a reload", async ({
  browser,
}, testInfo) => {
  const [ana, ben] = await twoUsers(browser, "ana", "ben");
  pair = await mergeablePair(ana, DEMO_DATASET_DIR);
  await ben.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  await expect(ben.locator('[data-slice-axis="xy"][data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  const uploads = () =>
    ben.evaluate(() => {
      const s = (window as unknown as { __danioSlices: { volumeUploads: number; lookupUploads: number } })
        .__danioSlices;
      return { volume: s.volumeUploads, lookup: s.lookupUploads };
    });
  const uploadsBefore = await uploads();
  const before = await withSession(ben, (s: S, p: typeof pair) => [s.rootOf(p.a), s.rootOf(p.b)], pair);
  expect(before[0]).not.toBe(before[1]);

  // Ana: the merge tool, a click on each segment, then the confirm button.
  await ana.keyboard.press("m");
  await expect(ana.locator('button[data-tool="merge"]')).toHaveAttribute("aria-pressed", "true");
  await withSession(
    ana,
    (s: S, p: typeof pair) => {
      s.pick(p.a, p.posA);
      s.pick(p.b, p.posB);
    },
    pair,
  );
  await ana.getByRole("dialog", { name: "confirm merge" }).getByRole("button", { name: /Merge/ }).click();

  // Ben's view regroups within a round trip, without a reload.
  await expect
    .poll(() => withSession(ben, (s: S, p: typeof pair) => s.rootOf(p.a) === s.rootOf(p.b), pair), {
      timeout: 10_000,
    })
    .toBe(true);
  expect(await ben.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  // The slice views recoloured through the lookup texture only: no volume was uploaded again.
  await expect.poll(async () => (await uploads()).lookup).toBeGreaterThan(uploadsBefore.lookup);
  expect((await uploads()).volume).toBe(uploadsBefore.volume);
  const merged = await withSession(ben, (s: S, p: typeof pair) => s.rootOf(p.a)!, pair);
  await expect(ben.getByTestId("history")).toContainText("merge by ana");
  await withSession(ben, (s: S, r: string) => s.select(r), merged);
  await expect(ben.locator('.view3d .main-view[data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  expect(await keepScreenshot(ben, ".view3d", "ben-main-view-after-merge", testInfo)).toBeGreaterThan(10);
  await expect(ben.locator('[data-slice-axis="xy"][data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  expect(
    await keepScreenshot(ben, '[data-slice-axis="xy"]', "ben-slice-xy-after-merge", testInfo),
  ).toBeGreaterThan(10);
  await ana.context().close();
  await ben.context().close();
});

test("B splits with a preview; A sees both pieces", async ({ browser }, testInfo) => {
  const [ana, ben] = await twoUsers(browser, "ana", "ben");
  const root = await withSession(ben, (s: S, p: typeof pair) => s.rootOf(p.a)!, pair);
  expect(await withSession(ben, (s: S, p: typeof pair) => s.rootOf(p.b), pair)).toBe(root);
  await withSession(ben, (s: S, r: string) => s.select(r), root);
  await ben.keyboard.press("x");
  await withSession(ben, (s: S, p: typeof pair) => s.pick(p.a, p.posA), pair);
  await ben.keyboard.press("2");
  await withSession(ben, (s: S, p: typeof pair) => s.pick(p.b, p.posB), pair);
  const dialog = ben.getByRole("dialog", { name: "confirm split" });
  await expect(dialog).toContainText(/sources.*sinks/, { timeout: 20_000 });
  await expect(ben.locator('.view3d .main-view[data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  expect(await keepScreenshot(ben, ".view3d", "ben-split-preview", testInfo)).toBeGreaterThan(10);
  await dialog.getByRole("button", { name: /Split/ }).click();
  await expect
    .poll(() => withSession(ana, (s: S, p: typeof pair) => s.rootOf(p.a) !== s.rootOf(p.b), pair), {
      timeout: 10_000,
    })
    .toBe(true);
  const pieces = await withSession(ana, (s: S, p: typeof pair) => [s.rootOf(p.a)!, s.rootOf(p.b)!], pair);
  await withSession(
    ana,
    (s: S, r: string[]) => {
      s.select(r[0]!);
    },
    pieces,
  );
  await expect(ana.getByTestId("history")).toContainText("split by ben");
  await expect(ana.locator('.view3d .main-view[data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  expect(await keepScreenshot(ana, ".view3d", "ana-main-view-after-split", testInfo)).toBeGreaterThan(10);
  await ana.context().close();
  await ben.context().close();
});

test("each sees the other's cursor", async ({ browser }, testInfo) => {
  const [ana, ben] = await twoUsers(browser, "ana", "ben");
  await expect(ana.getByTestId("people")).toContainText("ben");
  await expect(ben.getByTestId("people")).toContainText("ana");
  await withSession(ana, (s: S, p: typeof pair) => s.setCursor(p.posA), pair);
  await withSession(ben, (s: S, p: typeof pair) => s.setCursor(p.posB), pair);
  const cursorOf = (page: Page, name: string) =>
    withSession(
      page,
      (s: S, n: string) => s.store.getState().peers.find((p) => p.user.name === n)?.cursor ?? null,
      name,
    );
  await expect.poll(() => cursorOf(ben, "ana"), { timeout: 10_000 }).toEqual({ position: pair.posA });
  await expect.poll(() => cursorOf(ana, "ben"), { timeout: 10_000 }).toEqual({ position: pair.posB });
  expect(await keepScreenshot(ana, ".view3d", "ana-sees-ben-cursor", testInfo)).toBeGreaterThan(10);
  await ana.context().close();
  await ben.context().close();
});

test("a viewer cannot edit: the tools are disabled and the server refuses a forced request", async ({
  page,
  request,
}, testInfo) => {
  await openAs(page, "vic");
  await expect(page.locator('button[data-tool="merge"]')).toBeDisabled();
  await expect(page.locator('button[data-tool="split"]')).toBeDisabled();
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
  const seqBefore = await withSession(page, (s: S) => s.store.getState().seq);
  const forced = await request.post("/api/datasets/demo/operations", {
    headers: { authorization: `Bearer ${await tokenFor("vic")}` },
    data: { type: "merge", id: "vic-forced", points: [{ supervoxel: pair.a }, { supervoxel: pair.b }] },
  });
  expect(forced.status()).toBe(403);
  expect(((await forced.json()) as { error: { message: string } }).error.message).toMatch(/vic is viewer/);
  expect(await withSession(page, (s: S) => s.store.getState().seq)).toBe(seqBefore);
  await expect(page.locator('[data-slice-axis="xy"][data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  expect(await keepScreenshot(page, ".workspace", "viewer-workspace", testInfo)).toBeGreaterThan(10);
});

test("a click in the slice view picks the segment under the pointer", async ({ page }) => {
  await openAs(page, "rita");
  const slice = page.locator('[data-testid="slice-xy"]');
  await expect(page.locator('[data-slice-axis="xy"][data-rendered="1"]')).toBeVisible({ timeout: 60_000 });
  const box = (await slice.boundingBox())!;
  for (const [fx, fy] of [
    [0.5, 0.5],
    [0.4, 0.45],
    [0.6, 0.55],
    [0.3, 0.6],
    [0.7, 0.35],
  ]) {
    await page.mouse.click(box.x + box.width * fx!, box.y + box.height * fy!);
    if ((await withSession(page, (s: S) => s.store.getState().selected.length)) > 0) break;
  }
  expect(await withSession(page, (s: S) => s.store.getState().selected.length)).toBe(1);
});

test("annotations and claims made by one user appear at the other", async ({ browser }) => {
  const [ana, rita] = await twoUsers(browser, "ana", "rita");
  // Rita annotates a point.
  await rita.keyboard.press("a");
  await withSession(rita, (s: S, p: typeof pair) => s.pick(p.a, p.posA), pair);
  const bar = rita.getByRole("form", { name: "annotation" });
  await bar.getByLabel("note").fill("soma boundary unclear");
  await bar.getByRole("button", { name: "Save" }).click();
  await expect(ana.getByTestId("annotations")).toContainText("soma boundary unclear", { timeout: 10_000 });
  // Ana claims the segment and marks it complete; Rita sees both and approves.
  const root = await withSession(ana, (s: S, p: typeof pair) => s.rootOf(p.a)!, pair);
  await withSession(ana, (s: S, r: string) => s.select(r), root);
  await ana.keyboard.press("c");
  await ana.keyboard.press("k");
  await expect(rita.getByTestId("neuron-list")).toContainText("ana", { timeout: 10_000 });
  await expect(rita.getByTestId("neuron-list")).toContainText("complete");
  await withSession(rita, (s: S, r: string) => s.select(r), root);
  await rita.getByRole("button", { name: "Approve" }).click();
  await expect(ana.getByTestId("neuron-list")).toContainText("approved", { timeout: 10_000 });
  // An annotator cannot approve: the button is disabled.
  await expect(ana.getByRole("button", { name: "Approve" })).toBeDisabled();
  await ana.context().close();
  await rita.context().close();
});
