// Rules 9, 10, 13 and 15: the pictures a seed names, read into the model with what the build found of each file.
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { SeedError } from '../../../src/model/diagnostic.js';
import type { PictureFacts } from '../../../src/model/picture.js';
import { normalize, pictureRefs } from '../../../src/normalize/index.js';
import { parseFigure } from '../../../src/normalize/figures.js';
import type { PictureRef } from '../../../src/normalize/figures.js';
import { blocks, FIXED_DATE, run } from './helpers.js';

const FILE = 'seeds/test.txt';
// What the build would find: a 2,560 x 1,600 photo for every path, its hash made from the path.
const facts = (ref: PictureRef): PictureFacts => ({ sha256: Buffer.from(ref.path.padEnd(32, '.')).toString('hex').slice(0, 64), width: 2560, height: 1600, graphic: false });
const read = (text: string, lookup: (ref: PictureRef) => PictureFacts = facts) => {
  const result = normalize(text, FILE, { config: DEFAULT_CONFIG, fallbackDate: FIXED_DATE, pictures: lookup });
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.rule !== 'date/fallback') };
};
const failure = (text: string) => {
  try {
    read(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    return (e as SeedError).diagnostic;
  }
  throw new Error('expected a SeedError');
};

describe('rule 10: a figure line', () => {
  test('alt, path, caption and credit, with \\" and \\\\ escapes', () => {
    expect(parseFigure('![A pier](img/pier.jpg)')).toEqual({ alt: 'A pier', path: 'img/pier.jpg', caption: null, credit: null });
    expect(parseFigure('![A pier](img/pier.jpg "The \\"old\\" pier" "Photo: K \\\\ L")')).toEqual({
      alt: 'A pier', path: 'img/pier.jpg', caption: 'The "old" pier', credit: 'Photo: K \\ L',
    });
    expect(parseFigure('![Map [2024]](maps/area(1).png "Area")')).toEqual({ alt: 'Map [2024]', path: 'maps/area(1).png', caption: 'Area', credit: null });
    expect(parseFigure('![x](<my photo.jpg>)')?.path).toBe('my photo.jpg');
  });

  test('a line that only looks like a figure is a paragraph', () => {
    for (const line of ['See ![a](b.jpg)', '![a](b.jpg) and more', '![a](b.jpg', '![a]', 'Wow! [a](b.jpg)', '![a]()']) {
      expect(parseFigure(line), line).toBeNull();
    }
    const a = read('Headline\nSee ![a](b.jpg) here.\nWow!').article;
    expect(a.schemaVersion).toBe(1);
    expect(blocks(a).map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });

  test('a figure stands where the seed has it, in its section, typography on caption and credit only', () => {
    const { article, diagnostics } = read('Headline\nFirst paragraph.\n  ![Don\'t "quote" me](a.jpg "It\'s the \\"pier\\"..." "Photo: Kai")  \nUpdate: Later\nMore text.');
    expect(diagnostics).toEqual([]);
    expect(article.schemaVersion).toBe(2);
    const figure = article.sections[0]!.blocks[1]!;
    expect(figure.type).toBe('figure');
    if (figure.type !== 'figure') return;
    expect([figure.image.alt, figure.image.caption, figure.image.credit]).toEqual(['Don\'t "quote" me', 'It’s the “pier”…', 'Photo: Kai']);
    expect(figure.image.renditions.map((r) => `${r.width}x${r.height} ${r.type}`)).toEqual([
      '480x300 image/webp', '960x600 image/webp', '1280x800 image/webp', '480x300 image/jpeg', '960x600 image/jpeg', '1280x800 image/jpeg',
    ]);
    expect([figure.image.src, figure.image.width, figure.image.height]).toEqual([figure.image.renditions[5]!.src, 1280, 800]);
    // Rule 15: no front matter image, so the first figure is the lead.
    expect(article.image).toEqual(figure.image);
  });
});

describe('rule 9 and 15: the lead picture', () => {
  test('the front matter image is the lead; figures stay where they are', () => {
    const a = read('---\nimage: lead.jpg\nimage_alt: A crowd\nimage_caption: The square\nimage_credit: Photo: Ana\n---\nHeadline\nText.\n![Other](b.jpg)').article;
    expect([a.image?.alt, a.image?.caption, a.image?.credit]).toEqual(['A crowd', 'The square', 'Photo: Ana']);
    expect(blocks(a).filter((b) => b.type === 'figure')).toHaveLength(1);
  });

  test('image_alt, image_caption or image_credit without image is an error on its line', () => {
    expect(failure('---\ndate: 2024-01-01\nimage_caption: Lost\n---\nHeadline\nText.')).toMatchObject({ file: FILE, line: 3, rule: 'front-matter/no-image' });
  });

  test('the refs the build reads: lead first, then each figure line, with its line and the path\'s column', () => {
    expect(pictureRefs('---\nimage: a.jpg\n---\nHeadline\n![x](b.jpg)\n  ![y](<c d.png> "C")', FILE).map((r) => [r.role, r.path, r.line, r.column])).toEqual([
      ['lead', 'a.jpg', 2, 8], ['figure', 'b.jpg', 5, 6], ['figure', 'c d.png', 6, 9],
    ]);
    // The headline line is never a figure, as normalize reads it.
    expect(pictureRefs('![x](a.jpg)\nText.', FILE)).toEqual([]);
  });
});

describe('rule 13: the text alternative', () => {
  test('no ALT: a warning on the line; the caption serves, or the picture is decorative', () => {
    const { article, diagnostics } = read('Headline\n![](a.jpg "A caption")\n![](b.jpg)');
    const figures = blocks(article).flatMap((b) => (b.type === 'figure' ? [b.image] : []));
    expect(figures.map((p) => [p.alt, p.decorative])).toEqual([['A caption', false], ['', true]]);
    expect(diagnostics.map((d) => [d.rule, d.line, d.severity])).toEqual([['picture/no-alt', 2, 'warning'], ['picture/no-alt', 3, 'warning']]);
    expect(diagnostics[1]!.message).toMatch(/decorative/);
  });

  test('more than 1,000 characters of ALT is an error naming the line', () => {
    expect(failure(`Headline\nText.\n![${'x'.repeat(1001)}](a.jpg)`)).toMatchObject({ file: FILE, line: 3, rule: 'picture/alt-too-long' });
    expect(read(`Headline\n![${'é'.repeat(1000)}](a.jpg)`).article.image?.alt).toHaveLength(1000);
  });
});

test('a seed with a picture and no lookup fails on the picture\'s line; one without reads as version 1, no image key', () => {
  expect(() => run('Headline\n![a](b.jpg)')).toThrow(SeedError);
  try {
    run('Headline\nText.\n![a](b.jpg)');
  } catch (e) {
    expect((e as SeedError).diagnostic).toMatchObject({ file: FILE, line: 3, rule: 'picture/unread' });
  }
  const plain = run('Headline\nText.').article;
  expect(plain.schemaVersion).toBe(1);
  expect('image' in plain).toBe(false);
});
