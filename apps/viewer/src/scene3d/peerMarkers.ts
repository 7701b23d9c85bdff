import type { Presence } from "@danio/sync";
import type { Vec3 } from "./worldFrame";

/** One other user as the 3D view shows them. */
export interface PeerMarker {
  /** Stable per connection order: the user id, with #2, #3 … for a second, third tab. */
  key: string;
  name: string;
  colour: string;
  tool: string;
  /** 3D cursor in nm, or null when their pointer is off the meshes. */
  position: Vec3 | null;
  selection: string[];
  /** "ana · split · 12345678, 23456789 +2" */
  label: string;
}

/** Short form of a root id for labels: the last 8 digits. */
export function shortId(root: string): string {
  return root.length > 8 ? `…${root.slice(-8)}` : root;
}

export function peerMarkers(peers: readonly Presence[]): PeerMarker[] {
  const seen = new Map<string, number>();
  return peers.map((p) => {
    const n = (seen.get(p.user.id) ?? 0) + 1;
    seen.set(p.user.id, n);
    const sel = p.selection;
    const listed = sel.slice(0, 3).map(shortId).join(", ");
    const more = sel.length > 3 ? ` +${sel.length - 3}` : "";
    const parts = [p.user.name, p.tool, ...(sel.length > 0 ? [`${listed}${more}`] : [])].filter((x) => x);
    return {
      key: n === 1 ? p.user.id : `${p.user.id}#${n}`,
      name: p.user.name,
      colour: p.user.colour,
      tool: p.tool,
      position: p.cursor ? [p.cursor.position[0], p.cursor.position[1], p.cursor.position[2]] : null,
      selection: sel,
      label: parts.join(" · "),
    };
  });
}

/** Segments other users have selected → the colour of the first of them (to tint those segments). */
export function peerTints(peers: readonly Presence[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of peers) for (const root of p.selection) if (!out.has(root)) out.set(root, p.user.colour);
  return out;
}
