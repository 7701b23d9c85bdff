/** A stable, well-spread colour per segment (root id), as 0–1 RGB; the same root gets the same colour everywhere. */
export function segmentColour(root: string): [number, number, number] {
  let h = 2166136261;
  for (let i = 0; i < root.length; i++) h = Math.imul(h ^ root.charCodeAt(i), 16777619);
  h >>>= 0;
  const hue = (h % 360) / 360;
  const sat = 0.55 + ((h >>> 9) % 40) / 100;
  const light = 0.5 + ((h >>> 17) % 15) / 100;
  return hslToRgb(hue, sat, light);
}

export function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0), f(8), f(4)];
}

export function cssColour(rgb: readonly [number, number, number]): string {
  return `rgb(${rgb.map((c) => Math.round(c * 255)).join(",")})`;
}
