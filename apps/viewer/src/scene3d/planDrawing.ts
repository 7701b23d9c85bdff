/** What the segment layer should draw, given what is wanted, what is ready and what is drawn now. */
export interface DrawingPlan {
  /** Wanted segments to draw now. */
  show: string[];
  /** Segments no longer wanted but kept drawn: they stand in for wanted segments not ready yet. */
  keep: string[];
  /** Drawn segments to remove. */
  drop: string[];
}

export interface PlanInput {
  /** Wanted segments (root ids), in drawing order. */
  targets: readonly string[];
  /** Whether a wanted segment has a mesh that can be drawn. */
  ready: (root: string) => boolean;
  /** Segments drawn now → the supervoxels their mesh was built from. */
  drawn: ReadonlyMap<string, readonly string[]>;
  /** The segment of a supervoxel under the current mapping. */
  rootOf: (supervoxel: string) => string | undefined;
}

/**
 * Keeps the old grouping on screen until the new one is ready, so that meshes never disappear during an
 * edit: a drawn segment that is no longer wanted stays while any of its supervoxels now belongs to a
 * wanted segment that is not ready yet, and the wanted segments sharing supervoxels with it wait until it
 * can go (never both at once, which would z-fight). A segment deselected by the user has no wanted
 * successor and is dropped at once.
 */
export function planDrawing(input: PlanInput): DrawingPlan {
  const wanted = new Set(input.targets);
  const keep: string[] = [];
  const drop: string[] = [];
  const hidden = new Set<string>();
  for (const [root, members] of input.drawn) {
    if (wanted.has(root)) continue;
    const successors = new Set<string>();
    let waiting = false;
    for (const sv of members) {
      const now = input.rootOf(sv);
      if (now === undefined || now === root || !wanted.has(now)) continue;
      successors.add(now);
      if (!input.ready(now)) waiting = true;
    }
    if (waiting) {
      keep.push(root);
      for (const s of successors) hidden.add(s);
    } else {
      drop.push(root);
    }
  }
  const show = input.targets.filter((r) => input.ready(r) && !hidden.has(r));
  return { show, keep, drop };
}
