// The cover's PNG writer: a valid file that decodes back to the pixels it was given.
import { describe, expect, it } from 'vitest';
import { renderCover } from '../../../src/exporters/epub/cover.js';
import { encodeIndexedPng } from '../../../src/exporters/epub/png.js';
import { decodeIndexedPng as decode } from '../../support/png.js';

describe('EPUB cover PNG', () => {
  it('round-trips indices and palette', () => {
    const indices = Uint8Array.from({ length: 7 * 5 }, (_, i) => (i * 37) % 3);
    const palette = [[1, 2, 3], [250, 0, 9], [0, 255, 128]] as const;
    const decoded = decode(encodeIndexedPng(7, 5, palette, indices));
    expect([decoded.width, decoded.height]).toEqual([7, 5]);
    expect(decoded.palette).toEqual(palette.map((c) => [...c]));
    expect([...decoded.indices]).toEqual([...indices]);
  });

  it('round-trips rows filtered four bytes at a time, where every byte borrows', () => {
    // A width that is a multiple of 4 takes the word-wise filter; these differences cross 0 and 128
    // in both directions, where a borrow leaking into the next byte would show.
    const values = [0, 255, 1, 128, 127, 129, 254, 2];
    const indices = Uint8Array.from({ length: 8 * 6 }, (_, i) => values[(i * 5 + Math.floor(i / 8) * 3) % values.length]!);
    indices.fill(9, 16, 24); // a row equal to the next
    indices.fill(9, 24, 32);
    const decoded = decode(encodeIndexedPng(8, 6, [[0, 0, 0]], indices));
    expect([...decoded.indices]).toEqual([...indices]);
  });

  it('gives the cover its background, accent bars and anti-aliased text', () => {
    const { indices, palette, width } = decode(renderCover('Headline', 'Galley', 'key', 'en', 'en').png);
    const pixel = (x: number, y: number) => palette[indices[y * width + x]!]!;
    const background = pixel(5, 5);
    expect(pixel(590, 890)).toEqual(background);
    expect(pixel(60, 134)).not.toEqual(background); // the accent bar under the site title
    expect(pixel(60, 134)).toEqual(pixel(540, 845));
    const headline = new Set(indices.subarray(200 * width, 300 * width));
    expect(headline.size).toBeGreaterThan(10); // solid ink plus edge blends
  });
});
