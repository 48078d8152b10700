// The cover's rasterizer: exact area coverage, non-zero fill, and clipping that never spills between rows.
import { describe, expect, it } from 'vitest';
import { Coverage } from '../../../src/exporters/epub/raster.js';
import { CLOSE, LINE, MOVE, stamp } from '../../../src/exporters/epub/sprites.js';

const LEVELS = 254;

function render(width: number, height: number, draw: (c: Coverage) => void): Uint8Array {
  const coverage = new Coverage(width, height);
  draw(coverage);
  const out = new Uint8Array(width * height);
  coverage.levels(out, LEVELS);
  return out;
}

function rect(c: Coverage, x0: number, y0: number, x1: number, y1: number, clockwise = true): void {
  c.moveTo(x0, y0);
  if (clockwise) {
    c.lineTo(x1, y0);
    c.lineTo(x1, y1);
    c.lineTo(x0, y1);
  } else {
    c.lineTo(x0, y1);
    c.lineTo(x1, y1);
    c.lineTo(x1, y0);
  }
  c.close();
}

const sum = (pixels: Uint8Array) => pixels.reduce((n, p) => n + p, 0) / LEVELS;

describe('cover rasterizer', () => {
  it('fills whole pixels fully and half-covered pixels by half', () => {
    const px = render(8, 4, (c) => rect(c, 2, 1, 5.5, 3));
    const at = (x: number, y: number) => px[y * 8 + x];
    expect([at(1, 1), at(2, 1), at(4, 2), at(5, 2), at(6, 2)]).toEqual([0, LEVELS, LEVELS, LEVELS / 2, 0]);
    expect([at(3, 0), at(3, 3)]).toEqual([0, 0]);
  });

  it('covers a triangle by its area, whichever way it winds', () => {
    for (const clockwise of [true, false]) {
      const px = render(40, 40, (c) => {
        c.moveTo(3.3, 2.7);
        if (clockwise) { c.lineTo(35.1, 9.2); c.lineTo(12.4, 37.6); } else { c.lineTo(12.4, 37.6); c.lineTo(35.1, 9.2); }
      });
      const area = Math.abs((35.1 - 3.3) * (37.6 - 2.7) - (12.4 - 3.3) * (9.2 - 2.7)) / 2;
      expect(Math.abs(sum(px) - area)).toBeLessThan(0.5); // each pixel rounds to 1/254
    }
  });

  it('leaves a hole where a contour winds the other way, and unions overlapping ones', () => {
    const holed = render(12, 12, (c) => {
      rect(c, 1, 1, 11, 11, true);
      rect(c, 4, 4, 8, 8, false);
    });
    expect(holed[5 * 12 + 5]).toBe(0);
    expect(holed[2 * 12 + 2]).toBe(LEVELS);
    const overlapping = render(12, 12, (c) => {
      rect(c, 1, 1, 8, 8);
      rect(c, 4, 4, 11, 11);
    });
    expect(overlapping[5 * 12 + 5]).toBe(LEVELS); // covered twice, still solid
    expect(sum(overlapping)).toBeCloseTo(49 + 49 - 16, 5);
  });

  it('flattens curves closely enough that a circle has its area', () => {
    // Four quadratic arcs through the axis points: the shape a TrueType "O" is made of.
    const px = render(64, 64, (c) => {
      const [cx, cy, r] = [32, 32, 25];
      c.moveTo(cx + r, cy);
      c.quadTo(cx + r, cy + r, cx, cy + r);
      c.quadTo(cx - r, cy + r, cx - r, cy);
      c.quadTo(cx - r, cy - r, cx, cy - r);
      c.quadTo(cx + r, cy - r, cx + r, cy);
    });
    // The exact area of that outline: four parabolic segments, each (2/3)·r² beyond the inscribed square.
    const area = 2 * 25 * 25 + 4 * (2 / 3) * (25 * 25 / 2);
    expect(Math.abs(sum(px) - area) / area).toBeLessThan(0.01); // segments within 0.1 px of the curve
  });

  it('clips at every edge without spilling into the next row, and is empty again after reading', () => {
    const coverage = new Coverage(10, 10);
    rect(coverage, -5, -5, 20, 3); // past the top, left and right
    coverage.clip(8);
    rect(coverage, 2, 6, 4, 30); // past the clip
    const out = new Uint8Array(100);
    coverage.levels(out, LEVELS);
    for (let y = 0; y < 3; y++) expect([...out.subarray(y * 10, y * 10 + 10)].every((p) => p === LEVELS)).toBe(true);
    expect([...out.subarray(30, 60)].every((p) => p === 0)).toBe(true);
    expect([out[6 * 10 + 2], out[7 * 10 + 3], out[8 * 10 + 2], out[9 * 10 + 3]]).toEqual([LEVELS, LEVELS, 0, 0]);
    const again = new Uint8Array(100);
    coverage.clip(10);
    coverage.levels(again, LEVELS);
    expect(again.every((p) => p === 0)).toBe(true);
  });
});

describe('cover glyph sprites', () => {
  // A square outline, 4 × 4 font units, at scale 1: font units are y up, the image y down.
  const square = [MOVE, 0, 0, LINE, 4, 0, LINE, 4, 4, LINE, 0, 4, CLOSE];

  it('stamps what the rasterizer fills at the same quarter-pixel origin', () => {
    const stamped = new Uint8Array(20 * 20);
    stamp(stamped, 20, 20, square, 1, 6.25, 10.5);
    const direct = render(20, 20, (c) => rect(c, 6.25, 6.5, 10.25, 10.5));
    expect([...stamped]).toEqual([...direct]);
  });

  it('composites overlapping glyphs the same in either order', () => {
    const a = new Uint8Array(20 * 20);
    const b = new Uint8Array(20 * 20);
    stamp(a, 20, 20, square, 1, 3.25, 8.5);
    stamp(a, 20, 20, square, 1, 5.75, 9.25);
    stamp(b, 20, 20, square, 1, 5.75, 9.25);
    stamp(b, 20, 20, square, 1, 3.25, 8.5);
    expect([...a]).toEqual([...b]);
    expect(Math.max(...a)).toBe(LEVELS);
  });

  it('clips at the image edges', () => {
    const image = new Uint8Array(10 * 10);
    stamp(image, 10, 10, square, 1, 8, 2); // two columns and two rows fall outside
    expect(sum(image)).toBeCloseTo(4, 5);
  });
});
