// Enough of a PNG decoder for what the cover's writer emits: 8-bit indexed, filters None and Up.
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { expect } from 'vitest';

export interface DecodedPng {
  width: number;
  height: number;
  palette: number[][];
  indices: Uint8Array;
}

export function decodeIndexedPng(png: Uint8Array): DecodedPng {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8, width = 0, height = 0, palette: number[][] = [];
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      expect([...data.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
    } else if (type === 'PLTE') palette = Array.from({ length: length / 3 }, (_, i) => [...data.subarray(3 * i, 3 * i + 3)]);
    else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const indices = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]!;
    expect([0, 2]).toContain(filter);
    for (let x = 0; x < width; x++) {
      const above = y > 0 && filter === 2 ? indices[(y - 1) * width + x]! : 0;
      indices[y * width + x] = (raw[y * (width + 1) + 1 + x]! + above) & 0xff;
    }
  }
  return { width, height, palette, indices };
}

/** A PNG that says it is `width` x `height` pixels and holds one row of data: what a pixel bomb looks like. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}
