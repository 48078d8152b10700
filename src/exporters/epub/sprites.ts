// Glyphs rasterized once and stamped many times: a headline repeats its letters, and covers their sizes.
import { Coverage } from './raster.js';

/** A glyph outline as a flat list: an opcode, then its points' coordinates (font units, y up). */
export type Outline = number[];
export const MOVE = 0, LINE = 1, QUAD = 2, CUBIC = 3, CLOSE = 4;

/** Coverage 0..254 of one glyph, `left`/`top` pixels from its (whole-pixel) origin. */
interface Sprite {
  left: number;
  top: number;
  width: number;
  levels: Uint8Array;
}

// Origins snap to a quarter pixel: four phases each way keep the spacing true to 1/8 px, and make the
// same letter at the same size the same sprite wherever it stands.
const PHASES = 4;
const sprites = new WeakMap<Outline, Map<string, Sprite>>();
let count = 0;

/**
 * Stamp a glyph whose origin is at (x, y) (pixels, y down) into `image` (`width` × `height` levels,
 * row-major), composited over what is there as coverage over coverage.
 */
export function stamp(image: Uint8Array, width: number, height: number, outline: Outline, scale: number, x: number, y: number): void {
  const qx = Math.round(x * PHASES);
  const qy = Math.round(y * PHASES);
  const ox = Math.floor(qx / PHASES);
  const oy = Math.floor(qy / PHASES);
  const sprite = spriteOf(outline, scale, qx - ox * PHASES, qy - oy * PHASES);
  const rows = sprite.levels.length / sprite.width;
  for (let r = 0; r < rows; r++) {
    const Y = oy + sprite.top + r;
    if (Y < 0 || Y >= height) continue;
    for (let c = 0; c < sprite.width; c++) {
      const X = ox + sprite.left + c;
      const b = sprite.levels[r * sprite.width + c]!;
      if (b === 0 || X < 0 || X >= width) continue;
      const at = Y * width + X;
      const a = image[at]!;
      // a + b − ab, in levels: symmetric, so overlapping glyphs give the same pixel in either order.
      image[at] = a === 0 ? b : Math.min(254, a + b - ((a * b + 127) / 254 | 0));
    }
  }
}

function spriteOf(outline: Outline, scale: number, phaseX: number, phaseY: number): Sprite {
  let byPlace = sprites.get(outline);
  if (byPlace === undefined) {
    byPlace = new Map();
    sprites.set(outline, byPlace);
  }
  const key = `${scale} ${phaseX} ${phaseY}`;
  let sprite = byPlace.get(key);
  if (sprite === undefined) {
    sprite = rasterize(outline, scale, phaseX / PHASES, phaseY / PHASES);
    // Bounded, so a batch with ever new sizes or scripts cannot grow it without end.
    if (++count > 50_000) {
      byPlace.clear();
      count = 0;
    }
    byPlace.set(key, sprite);
  }
  return sprite;
}

/** A box around the outline (font units): its control points', which hold every point of its curves. */
export function outlineBounds(outline: Outline): { minX: number; maxX: number; minY: number; maxY: number } | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < outline.length;) {
    const points = ARGUMENTS[outline[i]!];
    if (points === undefined) throw new Error(`cover: unknown outline opcode ${outline[i]}`);
    for (let p = 0; p < points; p += 2) {
      const gx = outline[i + 1 + p]!, gy = outline[i + 2 + p]!;
      minX = Math.min(minX, gx); maxX = Math.max(maxX, gx);
      minY = Math.min(minY, gy); maxY = Math.max(maxY, gy);
    }
    i += 1 + points;
  }
  return minX === Infinity ? null : { minX, maxX, minY, maxY };
}

function rasterize(outline: Outline, scale: number, dx: number, dy: number): Sprite {
  // One pixel of margin around the bounds holds the anti-aliased edge.
  const bounds = outlineBounds(outline);
  if (bounds === null) return { left: 0, top: 0, width: 1, levels: new Uint8Array(1) };
  const { minX, maxX, minY, maxY } = bounds;
  const left = Math.floor(dx + minX * scale) - 1;
  const top = Math.floor(dy - maxY * scale) - 1;
  const width = Math.ceil(dx + maxX * scale) + 1 - left + 1;
  const height = Math.ceil(dy - minY * scale) + 1 - top + 1;
  const coverage = new Coverage(width, height);
  const px = (i: number) => dx - left + outline[i]! * scale;
  const py = (i: number) => dy - top - outline[i]! * scale;
  for (let i = 0; i < outline.length;) {
    switch (outline[i]) {
      case MOVE: coverage.moveTo(px(i + 1), py(i + 2)); break;
      case LINE: coverage.lineTo(px(i + 1), py(i + 2)); break;
      case QUAD: coverage.quadTo(px(i + 1), py(i + 2), px(i + 3), py(i + 4)); break;
      case CUBIC: coverage.cubicTo(px(i + 1), py(i + 2), px(i + 3), py(i + 4), px(i + 5), py(i + 6)); break;
      default: coverage.close();
    }
    i += 1 + ARGUMENTS[outline[i]!]!;
  }
  const levels = new Uint8Array(width * height);
  coverage.levels(levels, 254);
  return { left, top, width, levels };
}

const ARGUMENTS: Record<number, number> = { [MOVE]: 2, [LINE]: 2, [QUAD]: 4, [CUBIC]: 6, [CLOSE]: 0 };
