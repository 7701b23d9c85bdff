/**
 * Draws one slice view with raw WebGL2: a full-screen triangle whose fragment shader maps each pixel to
 * the plane, reads the EM image (R8) and the dense label (R32UI) there, colours the label through the
 * lookup texture (RGBA8, dense label → segment colour) and adds the crosshair. Three textures, one draw;
 * `draw` allocates nothing.
 */
import { LOOKUP_WIDTH } from "./segmentLookup";
import { sliceStats } from "./sliceStats";

const VERTEX = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
precision highp usampler2D;
uniform sampler2D uImage;
uniform usampler2D uLabels;
uniform sampler2D uLookup;
uniform vec4 uMap;        // plane (u, v) of the top-left device pixel; voxels per device pixel along u, v
uniform float uHeight;    // canvas height, device pixels
uniform vec2 uPlaneMin;   // plane coordinates of texel (0, 0)
uniform ivec2 uPlaneSize; // texels
uniform vec2 uCross;      // crosshair, plane coordinates
uniform vec3 uCrossU;     // colour of the line at u = uCross.x (the plane normal to u)
uniform vec3 uCrossV;
uniform float uGap;       // device pixels left clear around the crosshair centre
out vec4 outColour;

void main() {
  vec2 frag = vec2(gl_FragCoord.x, uHeight - gl_FragCoord.y);
  vec2 p = uMap.xy + frag * uMap.zw;
  vec3 c = vec3(0.045, 0.05, 0.06);
  ivec2 t = ivec2(floor(p - uPlaneMin));
  if (t.x >= 0 && t.y >= 0 && t.x < uPlaneSize.x && t.y < uPlaneSize.y) {
    c = vec3(texelFetch(uImage, t, 0).r);
    uint d = texelFetch(uLabels, t, 0).r;
    if (d > 0u) {
      uint w = uint(${LOOKUP_WIDTH});
      vec4 s = texelFetch(uLookup, ivec2(int(d % w), int(d / w)), 0);
      c = mix(c, s.rgb, s.a);
    }
  }
  float du = abs(p.x - uCross.x) / uMap.z;
  float dv = abs(p.y - uCross.y) / uMap.w;
  if (du > uGap || dv > uGap) {
    if (du < 0.75) c = mix(c, uCrossU, 0.75);
    else if (dv < 0.75) c = mix(c, uCrossV, 0.75);
  }
  outColour = vec4(c, 1.0);
}`;

export interface SliceDrawParams {
  /** [originU, originV, stepU, stepV], see sliceTransform.shaderMapping. */
  readonly map: { readonly [i: number]: number };
  readonly planeMinU: number;
  readonly planeMinV: number;
  readonly crossU: number;
  readonly crossV: number;
  readonly crossColourU: readonly [number, number, number];
  readonly crossColourV: readonly [number, number, number];
  readonly devicePixelRatio: number;
}

type Uniform = WebGLUniformLocation | null;

export class SliceRenderer {
  readonly gl: WebGL2RenderingContext;
  private readonly program: WebGLProgram;
  private readonly vao: WebGLVertexArrayObject;
  private readonly image: WebGLTexture;
  private readonly labels: WebGLTexture;
  private readonly lookup: WebGLTexture;
  private readonly u: Record<
    | "image"
    | "labels"
    | "lookup"
    | "map"
    | "height"
    | "planeMin"
    | "planeSize"
    | "cross"
    | "crossU"
    | "crossV"
    | "gap",
    Uniform
  >;
  private planeWidth = 0;
  private planeHeight = 0;
  private lookupHeight = 0;

  constructor(canvas: HTMLCanvasElement) {
    const gl = canvas.getContext("webgl2", {
      preserveDrawingBuffer: true,
      antialias: false,
      alpha: false,
      depth: false,
      stencil: false,
    });
    if (!gl) throw new Error("this browser has no WebGL2");
    this.gl = gl;
    this.program = link(gl, VERTEX, FRAGMENT);
    this.vao = gl.createVertexArray();
    this.image = texture(gl);
    this.labels = texture(gl);
    this.lookup = texture(gl);
    const at = (name: string) => gl.getUniformLocation(this.program, name);
    this.u = {
      image: at("uImage"),
      labels: at("uLabels"),
      lookup: at("uLookup"),
      map: at("uMap"),
      height: at("uHeight"),
      planeMin: at("uPlaneMin"),
      planeSize: at("uPlaneSize"),
      cross: at("uCross"),
      crossU: at("uCrossU"),
      crossV: at("uCrossV"),
      gap: at("uGap"),
    };
    // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
    gl.useProgram(this.program);
    gl.uniform1i(this.u.image, 0);
    gl.uniform1i(this.u.labels, 1);
    gl.uniform1i(this.u.lookup, 2);
  }

  /** (Re)allocates the plane textures for a plane of width × height texels (zero-filled). */
  setPlaneSize(width: number, height: number): void {
    const gl = this.gl;
    this.planeWidth = width;
    this.planeHeight = height;
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.image);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R8, width, height, 0, gl.RED, gl.UNSIGNED_BYTE, null);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.labels);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32UI, width, height, 0, gl.RED_INTEGER, gl.UNSIGNED_INT, null);
  }

  /**
   * Uploads the texels [u0, u0 + width) × [v0, v0 + height) of a plane buffer (laid out planeWidth texels
   * per row) to the image or label texture.
   */
  uploadPlane(
    kind: "image" | "labels",
    data: Uint8Array | Uint32Array,
    u0: number,
    v0: number,
    width: number,
    height: number,
  ): void {
    const gl = this.gl;
    gl.activeTexture(kind === "image" ? gl.TEXTURE0 : gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, kind === "image" ? this.image : this.labels);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_ROW_LENGTH, this.planeWidth);
    gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, u0);
    gl.pixelStorei(gl.UNPACK_SKIP_ROWS, v0);
    if (kind === "image") {
      gl.texSubImage2D(gl.TEXTURE_2D, 0, u0, v0, width, height, gl.RED, gl.UNSIGNED_BYTE, data);
      sliceStats.imageUploads += 1;
    } else {
      gl.texSubImage2D(gl.TEXTURE_2D, 0, u0, v0, width, height, gl.RED_INTEGER, gl.UNSIGNED_INT, data);
      sliceStats.labelUploads += 1;
    }
    sliceStats.volumeUploads += 1;
    gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);
    gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, 0);
    gl.pixelStorei(gl.UNPACK_SKIP_ROWS, 0);
  }

  /** Uploads the colour lookup (LOOKUP_WIDTH × height RGBA8 texels). */
  uploadLookup(data: Uint8Array, height: number): void {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, this.lookup);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    if (height !== this.lookupHeight) {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, LOOKUP_WIDTH, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, data);
      this.lookupHeight = height;
    } else {
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, LOOKUP_WIDTH, height, gl.RGBA, gl.UNSIGNED_BYTE, data);
    }
    sliceStats.lookupUploads += 1;
  }

  /** Draws the view into the whole drawing buffer. */
  draw(p: SliceDrawParams): void {
    const gl = this.gl;
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    gl.viewport(0, 0, w, h);
    // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
    gl.useProgram(this.program);
    gl.bindVertexArray(this.vao);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.image);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.labels);
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, this.lookup);
    gl.uniform4f(this.u.map, p.map[0]!, p.map[1]!, p.map[2]!, p.map[3]!);
    gl.uniform1f(this.u.height, h);
    gl.uniform2f(this.u.planeMin, p.planeMinU, p.planeMinV);
    gl.uniform2i(this.u.planeSize, this.planeWidth, this.planeHeight);
    gl.uniform2f(this.u.cross, p.crossU, p.crossV);
    gl.uniform3f(this.u.crossU, p.crossColourU[0], p.crossColourU[1], p.crossColourU[2]);
    gl.uniform3f(this.u.crossV, p.crossColourV[0], p.crossColourV[1], p.crossColourV[2]);
    gl.uniform1f(this.u.gap, 10 * p.devicePixelRatio);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    sliceStats.draws += 1;
  }

  dispose(): void {
    const gl = this.gl;
    gl.deleteTexture(this.image);
    gl.deleteTexture(this.labels);
    gl.deleteTexture(this.lookup);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
  }
}

function texture(gl: WebGL2RenderingContext): WebGLTexture {
  const t = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, t);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return t;
}

function link(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const compile = (type: number, source: string) => {
    const s = gl.createShader(type);
    if (!s) throw new Error("cannot create a shader");
    gl.shaderSource(s, source);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS) && !gl.isContextLost()) {
      throw new Error(`slice shader: ${gl.getShaderInfoLog(s) ?? "compile error"}`);
    }
    return s;
  };
  const program = gl.createProgram();
  const vs = compile(gl.VERTEX_SHADER, vertex);
  const fs = compile(gl.FRAGMENT_SHADER, fragment);
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  gl.deleteShader(vs);
  gl.deleteShader(fs);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    throw new Error(`slice shader: ${gl.getProgramInfoLog(program) ?? "link error"}`);
  }
  return program;
}
