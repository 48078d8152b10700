// Anti-aliased coverage of filled outlines, for the cover's text: the accumulation rasterizer of
// Raph Levien's font-rs. Each edge adds its signed area to the cells it crosses; a running sum over the
// buffer then gives every pixel's coverage exactly, with no supersampling. Plain double arithmetic, so the
// same outlines give the same bytes on every machine.

/**
 * A coverage buffer `width` pixels wide and up to `maxHeight` high; outlines are added with
 * moveTo/lineTo/quadTo/cubicTo, and `levels` reads the result and empties the buffer for the next use.
 */
export class Coverage {
  readonly width: number;
  #height: number;
  // Two cells more per row than pixels: an edge on the right side writes one cell past the last pixel.
  readonly #stride: number;
  readonly #cells: Float64Array;
  // The cells each row's edges touched, so that reading and clearing skip the empty parts.
  readonly #rowStart: Int32Array;
  readonly #rowEnd: Int32Array;
  #x = 0;
  #y = 0;
  #startX = 0;
  #startY = 0;

  constructor(width: number, maxHeight: number) {
    this.width = width;
    this.#height = maxHeight;
    this.#stride = width + 2;
    this.#cells = new Float64Array(this.#stride * maxHeight);
    this.#rowStart = new Int32Array(maxHeight).fill(width);
    this.#rowEnd = new Int32Array(maxHeight);
  }

  get height(): number {
    return this.#height;
  }

  /** Draw into the top `height` rows only; what falls below is clipped. */
  clip(height: number): void {
    if (height > this.#rowStart.length) throw new Error(`raster: ${height} rows in a buffer of ${this.#rowStart.length}`);
    this.#height = height;
  }

  moveTo(x: number, y: number): void {
    this.close();
    this.#x = this.#startX = x;
    this.#y = this.#startY = y;
  }

  lineTo(x: number, y: number): void {
    this.#line(this.#x, this.#y, x, y);
    this.#x = x;
    this.#y = y;
  }

  /** A quadratic Bézier, flattened into as many segments as its curvature needs for a sub-pixel error. */
  quadTo(cx: number, cy: number, x: number, y: number): void {
    const x0 = this.#x;
    const y0 = this.#y;
    const devx = x0 - 2 * cx + x;
    const devy = y0 - 2 * cy + y;
    const n = 1 + Math.floor(Math.sqrt(Math.sqrt(3 * (devx * devx + devy * devy))));
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const u = 1 - t;
      this.lineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
    }
    this.lineTo(x, y);
  }

  cubicTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    const x0 = this.#x;
    const y0 = this.#y;
    const dev = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + x, c1y - 2 * c2y + y));
    const n = 1 + Math.floor(Math.sqrt(Math.sqrt(3 * dev * dev)));
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      this.lineTo(a * x0 + b * c1x + c * c2x + d * x, a * y0 + b * c1y + c * c2y + d * y);
    }
    this.lineTo(x, y);
  }

  /** Close the current contour (outlines fill as if closed, whether or not they say so). */
  close(): void {
    if (this.#x !== this.#startX || this.#y !== this.#startY) this.lineTo(this.#startX, this.#startY);
  }

  /**
   * Write each pixel's coverage, non-zero fill, as 0..`levels` into `out` (row-major, `width` per row),
   * which must hold zeros where nothing was drawn. Empties the buffer.
   */
  levels(out: Uint8Array, levels: number): void {
    this.close();
    const cells = this.#cells;
    for (let y = 0; y < this.#rowStart.length; y++) {
      const row = y * this.#stride;
      const pixels = y * this.width - row;
      const end = row + Math.min(this.#rowEnd[y]!, this.width);
      // Every contour is closed and held inside the row, so each row's cells sum to zero: starting each
      // row from zero keeps rounding error from carrying down the image.
      let sum = 0;
      for (let i = row + this.#rowStart[y]!; i < end; i++) {
        sum += cells[i]!;
        const coverage = sum < 0 ? -sum : sum;
        out[pixels + i] = coverage >= 1 ? levels : (coverage * levels + 0.5) | 0;
      }
      cells.fill(0, row + this.#rowStart[y]!, row + this.#rowEnd[y]!);
      this.#rowStart[y] = this.width;
      this.#rowEnd[y] = 0;
    }
  }

  #line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return;
    const dir = y0 < y1 ? 1 : -1;
    if (dir < 0) [x0, y0, x1, y1] = [x1, y1, x0, y0];
    // Clip to the buffer: what lies above or below adds nothing, and x is held to [0, width], so an edge
    // past a side counts as lying on it and cannot spill into the next row.
    const maxX = this.width;
    const dxdy = (x1 - x0) / (y1 - y0);
    let x = x0;
    if (y0 < 0) x -= y0 * dxdy;
    const cells = this.#cells;
    const stride = this.#stride;
    for (let y = Math.max(0, Math.floor(y0)), yEnd = Math.min(this.#height, Math.ceil(y1)); y < yEnd; y++) {
      const row = y * stride;
      const dy = Math.min(y + 1, y1) - Math.max(y, y0);
      const xNext = x + dxdy * dy;
      const d = dy * dir;
      const left = Math.min(Math.max(Math.min(x, xNext), 0), maxX);
      const right = Math.min(Math.max(Math.max(x, xNext), 0), maxX);
      const leftFloor = Math.floor(left);
      const rightCeil = Math.ceil(right);
      const at = row + leftFloor;
      const span = Math.max(rightCeil - leftFloor, 1);
      if (leftFloor < this.#rowStart[y]!) this.#rowStart[y] = leftFloor;
      if (leftFloor + span + 1 > this.#rowEnd[y]!) this.#rowEnd[y] = leftFloor + span + 1;
      if (rightCeil <= leftFloor + 1) {
        const mid = 0.5 * (left + right) - leftFloor;
        cells[at]! += d - d * mid;
        cells[at + 1]! += d * mid;
      } else {
        const s = 1 / (right - left);
        const leftFrac = left - leftFloor;
        const a0 = 0.5 * s * (1 - leftFrac) * (1 - leftFrac);
        const rightFrac = right - rightCeil + 1;
        const am = 0.5 * s * rightFrac * rightFrac;
        cells[at]! += d * a0;
        if (span === 2) {
          cells[at + 1]! += d * (1 - a0 - am);
        } else {
          const a1 = s * (1.5 - leftFrac);
          cells[at + 1]! += d * (a1 - a0);
          for (let i = 2; i < span - 1; i++) cells[at + i]! += d * s;
          const a2 = a1 + (span - 3) * s;
          cells[at + span - 1]! += d * (1 - a2 - am);
        }
        cells[at + span]! += d * am;
      }
      x = xNext;
    }
  }
}
