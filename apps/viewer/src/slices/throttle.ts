/**
 * At most one call per interval: the first call goes through at once, later ones within the interval are
 * held and only the latest is delivered when the interval ends (so the last hover position is never lost).
 */
export interface Throttled<A> {
  (arg: A): void;
  /** Drops a held call. */
  cancel(): void;
}

export function throttle<A>(
  fn: (arg: A) => void,
  intervalMs: number,
  now: () => number = Date.now,
): Throttled<A> {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let holding = false;
  let held: A | undefined;
  const fire = () => {
    timer = null;
    if (!holding) return;
    const arg = held as A;
    holding = false;
    held = undefined;
    last = now();
    fn(arg);
  };
  const throttled = ((arg: A) => {
    const t = now();
    if (timer === null && t - last >= intervalMs) {
      last = t;
      fn(arg);
      return;
    }
    holding = true;
    held = arg;
    if (timer === null) timer = setTimeout(fire, Math.max(0, intervalMs - (t - last)));
  }) as Throttled<A>;
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    holding = false;
    held = undefined;
  };
  return throttled;
}
