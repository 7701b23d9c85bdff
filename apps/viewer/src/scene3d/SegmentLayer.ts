import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Group,
  Mesh,
  MeshPhongMaterial,
  SRGBColorSpace,
  Sphere,
  Vector3,
} from "three";
import type { SegmentMeshData } from "./buildSegmentMesh";
import { type Rgb, SPLIT_SINK_COLOUR, SPLIT_SOURCE_COLOUR, splitPreviewColours } from "./previewColours";
import type { DrawnSegment } from "./SegmentMeshStore";

/** How the segments are coloured right now. */
export interface SegmentStyle {
  colourOf: (root: string) => readonly [number, number, number];
  /** The split being previewed: that segment's supervoxels in source and sink colours. */
  preview: { root: string; sources: ReadonlySet<string>; sinks: ReadonlySet<string> } | null;
  /** Segments other users have selected → their colour (a tint). */
  tints: ReadonlyMap<string, string>;
}

interface Entry {
  mesh: Mesh<BufferGeometry, MeshPhongMaterial>;
  data: SegmentMeshData;
  /** The preview whose colours the geometry carries, if any. */
  coloured: SegmentStyle["preview"];
}

const TINT = 0.35;

/** sRGB (as CSS and the slice views use) → three's linear working colour space. */
function linear(c: Rgb, scale = 1): Rgb {
  const x = new Color().setRGB(c[0], c[1], c[2], SRGBColorSpace);
  return [x.r * scale, x.g * scale, x.b * scale];
}

const SOURCE_LINEAR = linear(SPLIT_SOURCE_COLOUR);
const SINK_LINEAR = linear(SPLIT_SINK_COLOUR);

function geometryOf(data: SegmentMeshData): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute("position", new BufferAttribute(data.positions, 3));
  g.setAttribute("normal", new BufferAttribute(data.normals, 3));
  g.setIndex(new BufferAttribute(data.indices, 1));
  const centre = new Vector3(
    (data.min[0] + data.max[0]) / 2,
    (data.min[1] + data.max[1]) / 2,
    (data.min[2] + data.max[2]) / 2,
  );
  const radius =
    data.triangleCount > 0
      ? Math.hypot(data.max[0] - data.min[0], data.max[1] - data.min[1], data.max[2] - data.min[2]) / 2
      : 0;
  g.boundingSphere = new Sphere(centre, radius);
  return g;
}

/**
 * The three.js side of the segment meshes: one Mesh per drawn segment (one draw call), created, swapped
 * (new LOD) and disposed as the mesh store says, and coloured by segment, split preview and peer tint.
 * Picking does not use three's raycaster: the mesh store resolves rays to supervoxels itself.
 */
export class SegmentLayer {
  readonly group = new Group();
  private readonly entries = new Map<string, Entry>();
  private readonly scratch = new Color();

  constructor() {
    this.group.name = "segments";
  }

  /** Number of drawn segments with triangles. */
  get count(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.data.triangleCount > 0) n++;
    return n;
  }

  has(root: string): boolean {
    return this.entries.has(root);
  }

  sync(segments: readonly DrawnSegment[], style: SegmentStyle): void {
    const keep = new Set<string>();
    segments.forEach((s, order) => {
      keep.add(s.root);
      let e = this.entries.get(s.root);
      if (!e) {
        const material = new MeshPhongMaterial({ shininess: 24, specular: 0x222222 });
        const mesh = new Mesh(geometryOf(s.mesh), material);
        mesh.name = `segment ${s.root}`;
        mesh.matrixAutoUpdate = false;
        mesh.raycast = () => undefined;
        e = { mesh, data: s.mesh, coloured: null };
        this.entries.set(s.root, e);
        this.group.add(mesh);
      } else if (e.data !== s.mesh) {
        e.mesh.geometry.dispose();
        e.mesh.geometry = geometryOf(s.mesh);
        e.data = s.mesh;
        e.coloured = null;
      }
      e.mesh.renderOrder = order;
      this.applyStyle(s.root, e, style);
    });
    for (const [root, e] of this.entries) {
      if (keep.has(root)) continue;
      e.mesh.geometry.dispose();
      e.mesh.material.dispose();
      this.group.remove(e.mesh);
      this.entries.delete(root);
    }
  }

  /** Re-colours without changing geometry (preview or tints changed). */
  restyle(style: SegmentStyle): void {
    for (const [root, e] of this.entries) this.applyStyle(root, e, style);
  }

  private applyStyle(root: string, e: Entry, style: SegmentStyle): void {
    const m = e.mesh.material;
    const rgb = style.colourOf(root);
    const preview = style.preview && style.preview.root === root ? style.preview : null;
    if (preview) {
      if (e.coloured !== preview) {
        const dim = linear(rgb, 0.35);
        const colours = splitPreviewColours(
          e.data,
          preview.sources,
          preview.sinks,
          dim,
          SOURCE_LINEAR,
          SINK_LINEAR,
        );
        e.mesh.geometry.setAttribute("color", new BufferAttribute(colours, 3));
        e.coloured = preview;
      }
      if (!m.vertexColors) {
        m.vertexColors = true;
        m.needsUpdate = true;
      }
      m.color.setRGB(1, 1, 1);
    } else {
      if (e.coloured) {
        e.mesh.geometry.deleteAttribute("color");
        e.coloured = null;
      }
      if (m.vertexColors) {
        m.vertexColors = false;
        m.needsUpdate = true;
      }
      m.color.setRGB(rgb[0], rgb[1], rgb[2], SRGBColorSpace);
    }
    const tint = style.tints.get(root);
    if (tint) m.emissive.copy(this.scratch.set(tint)).multiplyScalar(TINT);
    else m.emissive.setRGB(0, 0, 0);
  }

  dispose(): void {
    this.sync([], { colourOf: () => [0, 0, 0], preview: null, tints: new Map() });
  }
}
