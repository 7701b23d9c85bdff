import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { mergeCandidate } from "../src/testing/mergeCandidate";
import { spawnServe } from "../src/testing/spawnServe";

const REPO = new URL("../../", import.meta.url).pathname;

interface RenderStats {
  drawCalls: number;
  triangles: number;
  frameMs: number;
}

/** Two adjacent supervoxels in different segments (per the page's mapping), close enough to merge. */
function mergeablePair(
  datasetDir: string,
  entries: [string, string][],
): { sv: string; position: [number, number, number] }[] {
  const rootOf = new Map(entries);
  const { a, b, posA, posB } = mergeCandidate(datasetDir, (sv) => rootOf.get(String(sv)));
  return [
    { sv: String(a), position: posA },
    { sv: String(b), position: posB },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function tokenFor(url: string, name: string): Promise<string> {
  const r = await fetch(`${url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `${name}-demo` }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/?token=${await tokenFor(url, name)}&dataset=demo`);
  await page.locator(".conn.connected").waitFor({ timeout: 60_000 });
}

/**
 * `danio bench render`: the viewer in headless Chromium (SwiftShader, software WebGL): for 10 and 100
 * selected neurons, draw calls, triangles and the median frame time while orbiting; and the time from an
 * edit by one user to the changed view of another.
 */
export async function benchRender(options: { onProgress?: (m: string) => void; dir?: string } = {}) {
  const log = options.onProgress ?? (() => {});
  const dir = options.dir ?? join(REPO, ".danio", "bench-render");
  log(`starting the demo in ${dir} (generates the dataset on the first run)`);
  const { url, child } = await spawnServe(["demo", "--port", "0", "--dir", dir]);
  const browser = await chromium.launch({
    executablePath: process.env.DANIO_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--enable-unsafe-swiftshader",
    ],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await open(page, url, "rita");
    const roots: string[] = await page.evaluate(() => {
      const s = (
        globalThis as unknown as {
          __danio: { session: { mapping: { entries(): Iterable<[string, string]> } } };
        }
      ).__danio.session;
      const sizes = new Map<string, number>();
      for (const [, r] of s.mapping.entries()) sizes.set(r, (sizes.get(r) ?? 0) + 1);
      return [...sizes].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    });
    const result: Record<string, unknown> = { segmentsInDataset: roots.length };
    // Edit → changed view of another user: ben merges over HTTP; rita's page waits for its mapping to change
    // and for the next two animation frames (the view redrawn).
    const benToken = await tokenFor(url, "ben");
    const pair = mergeablePair(
      join(dir, "demo"),
      await page.evaluate(() => {
        const s = (
          globalThis as unknown as {
            __danio: { session: { mapping: { entries(): Iterable<[string, string]> } } };
          }
        ).__danio.session;
        return [...s.mapping.entries()];
      }),
    );
    const measureEdits = async (): Promise<number[]> => {
      const latencies: number[] = [];
      // Six edits: merge, undo, redo, undo, redo, undo — the pair ends apart, so the next round can merge again.
      for (let k = 0; k < 6; k++) {
        const waiting = page.evaluate(
          () =>
            new Promise<void>((done) => {
              const s = (
                globalThis as unknown as {
                  __danio: {
                    session: {
                      store: { getState(): { mappingVersion: number }; subscribe(l: () => void): () => void };
                    };
                  };
                }
              ).__danio.session;
              const v0 = s.store.getState().mappingVersion;
              const off = s.store.subscribe(() => {
                if (s.store.getState().mappingVersion === v0) return;
                off();
                (
                  globalThis as unknown as { requestAnimationFrame(f: () => void): void }
                ).requestAnimationFrame(() =>
                  (
                    globalThis as unknown as { requestAnimationFrame(f: () => void): void }
                  ).requestAnimationFrame(() => done()),
                );
              });
            }),
        );
        await page.waitForTimeout(100);
        const t0 = performance.now();
        // A merge of two adjacent segments, then undo and redo of it, alternately.
        const body =
          k === 0
            ? {
                type: "merge",
                id: `bench-${Date.now()}-m`,
                points: pair.map((p) => ({ supervoxel: p.sv, position: p.position })),
              }
            : { type: k % 2 ? "undo" : "redo", id: `bench-${Date.now()}-${k}` };
        const r = await fetch(`${url}/api/datasets/demo/operations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${benToken}` },
          body: JSON.stringify(body),
        });
        if (r.status !== 201) {
          waiting.catch(() => undefined);
          throw new Error(`edit ${k} refused: ${await r.text()}`);
        }
        await waiting;
        latencies.push(performance.now() - t0);
      }
      return latencies;
    };

    for (const n of [10, 100]) {
      const chosen = roots.slice(0, n);
      log(`${chosen.length} selected neurons`);
      await page.evaluate((sel) => {
        const s = (globalThis as unknown as { __danio: { session: { store: { set(p: unknown): void } } } })
          .__danio.session;
        s.store.set({ selected: sel });
      }, chosen);
      await page.locator('.main-view[data-rendered="1"]').waitFor({ timeout: 300_000 });
      // Let every fragment arrive, then orbit: each drag step renders one frame on demand.
      await page.waitForTimeout(3000);
      const box = (await page.locator('[data-testid="main-view"]').boundingBox())!;
      const frames: number[] = [];
      let stats: RenderStats | undefined;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let k = 0; k < 15; k++) {
        await page.mouse.move(box.x + box.width / 2 + (k + 1) * 8, box.y + box.height / 2 + (k % 3));
        await page.waitForTimeout(50);
        stats = await page.evaluate(
          () => (globalThis as unknown as { __danioRender: RenderStats }).__danioRender,
        );
        frames.push(stats.frameMs);
      }
      await page.mouse.up();
      result[`selected${n}`] = {
        selected: chosen.length,
        drawCalls: stats?.drawCalls,
        triangles: stats?.triangles,
        medianFrameMs: median(frames),
      };
      // Edit → changed view of another user: ben edits over HTTP; rita's page waits for its mapping to change
      // and for the next two animation frames (the view redrawn with these neurons on screen).
      log(`${chosen.length} selected neurons: edit → changed view of another user`);
      const latencies = await measureEdits();
      (result[`selected${n}`] as Record<string, unknown>).editToOtherViewMs = {
        median: median(latencies),
        all: latencies.map((x) => Math.round(x)),
      };
    }

    return result;
  } finally {
    await browser.close();
    child.kill("SIGTERM");
  }
}
