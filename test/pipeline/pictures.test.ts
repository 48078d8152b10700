// Pictures through the whole build (issue 21, seed format rules 9-15): every variant a newsroom sends
// published upright, in sRGB and without the camera's metadata in any file (out/images, inside the EPUB and
// the PDF); each bad picture an error naming the seed, its line and the path, with nothing of that article
// written; a rebuild or a text edit encodes nothing again; pictures no article shows any more removed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { galleySync, snapshot } from '../support/cli.js';
import { describeWithTools } from '../support/tools.js';
import { pngClaiming } from '../support/png.js';

const sharp = createRequire(import.meta.url)('sharp') as typeof Sharp;
const LAUNCH = 'test/fixtures/pictures/img/launch.jpg';
const CAMERA = /GPS|Serial|^Make$|^Model$|Creator|Artist|Copyright|Comment|ThumbnailImage|Software/;

let dir: string;
let seeds: string;
const out = () => join(dir, 'out');
const build = (target = out(), env: NodeJS.ProcessEnv = {}) =>
  galleySync(['build', seeds, '--out', target, '--site-url', 'https://news.example'], dir, { ...process.env, ...env });

function seed(name: string, text: string): void {
  writeFileSync(join(seeds, name), text);
}

/** Every variant rule 12 accepts, made from the one photograph. */
async function variants(): Promise<void> {
  const img = join(seeds, 'img');
  mkdirSync(img, { recursive: true });
  copyFileSync(LAUNCH, join(img, 'launch.jpg'));
  const photo = sharp(LAUNCH).autoOrient().resize(300);
  await photo.clone().toColourspace('cmyk').jpeg().toFile(join(img, 'cmyk.jpg'));
  await photo.clone().toColourspace('grey16').png().toFile(join(img, 'grey16.png'));
  await photo.clone().ensureAlpha(0.5).png().toFile(join(img, 'alpha.png'));
  await photo.clone().webp().toFile(join(img, 'photo.webp'));
  await photo.clone().avif().toFile(join(img, 'photo.avif'));
  await photo.clone().tiff().toFile(join(img, 'photo.tiff'));
  await photo.clone().png().toFile(join(img, 'png-named.jpg'));
  execFileSync('convert', ['-delay', '20', join(img, 'alpha.png'), join(img, 'cmyk.jpg'), join(img, 'anim.gif')]);
  // Camera metadata written into a copy, as a camera or phone writes it: all of it must go.
  copyFileSync(LAUNCH, join(img, 'tagged.jpg'));
  execFileSync('exiftool', ['-q', '-overwrite_original', '-Artist=Jane Photographer', '-Copyright=Secret Agency', '-XMP-dc:Creator=Jane Photographer',
    '-IPTC:By-line=Jane Photographer', '-Comment=internal note', '-GPSLatitude=28.5', '-GPSLatitudeRef=N', join(img, 'tagged.jpg')]);
  // The bad ones (rules 11 and 12).
  writeFileSync(join(img, 'vector.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  writeFileSync(join(img, 'vector.jpg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  writeFileSync(join(img, 'truncated.jpg'), readFileSync(LAUNCH).subarray(0, 30_000));
  writeFileSync(join(img, 'bomb.png'), pngClaiming(20_000, 20_000));
  mkdirSync(join(img, 'folder.jpg'));
  writeFileSync(join(dir, 'outside.jpg'), readFileSync(LAUNCH));
  symlinkSync(join(dir, 'outside.jpg'), join(img, 'link.jpg'));
}

const figures = (...names: string[]) => names.map((n) => `![A ${n}](img/${n} "Caption of ${n}" "Photo: Test")`).join('\n');
const BAD: Record<string, [string, RegExp]> = {
  'url.txt': ['![x](https://example.org/a.jpg)', /is a URL/],
  'absolute.txt': ['![x](/etc/hosts)', /absolute path/],
  'dotdot.txt': ['![x](../outside.jpg)', /outside the seeds folder/],
  'missing.txt': ['![x](img/nope.jpg)', /is missing/],
  'folder.txt': ['![x](img/folder.jpg)', /is a folder/],
  'symlink.txt': ['![x](img/link.jpg)', /outside the seeds folder/],
  'svg.txt': ['![x](img/vector.svg)', /SVG file: a picture must be JPEG, PNG, WebP, AVIF, GIF or TIFF/],
  'svg-named-jpg.txt': ['![x](img/vector.jpg)', /SVG file/],
  'truncated.txt': ['![x](img/truncated.jpg)', /does not decode/],
  'bomb.txt': ['![x](img/bomb.png)', /100 million|pixel limit/],
};

describeWithTools(['exiftool', 'convert', 'pdfimages', 'unzip', 'java', 'qpdf', 'xmllint'], 'pictures through the build', () => {
  let first: ReturnType<typeof build>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-pictures-'));
    seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    await variants();
    seed('a-lead.txt', '---\ndate: 2026-03-20\nimage: img/launch.jpg\nimage_alt: A rocket on its pad\nimage_caption: The launch\nimage_credit: Photo: NASA\n---\nLaunch goes ahead\nEngineers cleared the rocket.\n' + figures('tagged.jpg'));
    seed('b-variants.txt', '---\ndate: 2026-03-19\n---\nEvery kind of picture\nText first.\n' + figures('cmyk.jpg', 'grey16.png', 'alpha.png', 'anim.gif', 'photo.webp', 'photo.avif', 'photo.tiff', 'png-named.jpg'));
    seed('c-shared.txt', '---\ndate: 2026-03-18\n---\nThe same launch again\n![Again](img/launch.jpg)\nMore text.');
    // Right to left, its lead picture credited in Arabic: the cover's headline stands flush right under the photo.
    seed('d-arabic.txt', readFileSync('test/fixtures/scripts/ar-floods.txt', 'utf8').replace('slug: ar-floods\n', 'slug: ar-floods\nimage: img/launch.jpg\nimage_alt: صاروخ على منصة الإطلاق\nimage_credit: تصوير: ناسا\n'));
    for (const [name, [line]] of Object.entries(BAD)) seed(name, `---\ndate: 2026-03-01\n---\nBad picture ${name}\nSome text.\n${line}`);
    first = build();
  }, 180_000);

  it('reports each bad picture with the seed, its line and the path, writes nothing of it, and builds the rest', () => {
    expect(first.code).toBe(1);
    for (const [name, [line, why]] of Object.entries(BAD)) {
      const path = /\]\(([^)]+)\)/.exec(line)![1]!;
      const reported = first.stderr.split('\n').find((l) => l.includes(`${name}:6:`));
      expect(reported, `${name} in:\n${first.stderr}`).toBeDefined();
      expect(reported).toContain(`"${path}"`);
      expect(reported).toMatch(why);
      expect(readdirSync(out()).some((f) => f.startsWith(`bad-picture-${name.replace('.txt', '')}`)), name).toBe(false);
    }
    for (const slug of ['launch-goes-ahead', 'every-kind-of-picture', 'the-same-launch-again', 'ar-floods']) {
      for (const file of [`${slug}.json`, `${slug}.pdf`, `${slug}.epub`, `articles/${slug}/index.html`]) expect(statSync(join(out(), file)).size).toBeGreaterThan(0);
    }
  });

  it('passes the users\' validators (check-out: EPUBCheck, qpdf, feedparser, JSON Schema)', () => {
    const report = spawnSync(resolve('../shared/tools/check-out'), [out()], { encoding: 'utf8' });
    expect(report.stdout, report.stdout).toMatch(/\n\d+ passed, 0 failed\n?$/);
  }, 120_000);

  it('puts the lead picture on the EPUB cover, with the headline under it in the article\'s direction', async () => {
    const coverOf = async (slug: string) => {
      const epub = join(out(), `${slug}.epub`);
      const opf = execFileSync('unzip', ['-p', epub, 'OEBPS/content.opf'], { encoding: 'utf8' });
      expect(opf).toContain('<item id="cover-image" href="cover.jpeg" media-type="image/jpeg" properties="cover-image"/>');
      const { data, info } = await sharp(execFileSync('unzip', ['-p', epub, 'OEBPS/cover.jpeg'], { maxBuffer: 8 << 20 })).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([600, 900]);
      return { data, at: (x: number, y: number) => [...data.subarray((y * 600 + x) * 3, (y * 600 + x) * 3 + 3)] };
    };
    const crop = JSON.parse(readFileSync(join(out(), 'launch-goes-ahead.json'), 'utf8')).image.sha256.slice(0, 20);
    const { data: photo } = await sharp(readFileSync(join(out(), 'images', `${crop}-cover.jpg`))).raw().toBuffer({ resolveWithObject: true });
    for (const slug of ['launch-goes-ahead', 'ar-floods']) {
      const cover = await coverOf(slug);
      // The band above is the photo's crop (JPEG twice: near, not equal).
      let diff = 0;
      for (let i = 0; i < photo.length; i += 97) diff += Math.abs(photo[i]! - cover.data[i]!);
      expect(diff / (photo.length / 97), slug).toBeLessThan(6);
      // The headline's first line: ink near the left margin for English, near the right one for Arabic.
      const inkIn = (x0: number, x1: number) => {
        let n = 0;
        const background = cover.at(300, 880);
        for (let y = 600; y < 700; y++) for (let x = x0; x < x1; x++) if (Math.abs(cover.at(x, y)[0]! - background[0]!) > 60) n++;
        return n;
      };
      const [left, right] = [inkIn(56, 120), inkIn(480, 544)];
      if (slug === 'ar-floods') expect(right, 'rtl').toBeGreaterThan(left);
      else expect(left, 'ltr').toBeGreaterThan(right);
    }
  });

  it('publishes every variant upright in sRGB 8-bit, each source once, never upscaled', async () => {
    const model = JSON.parse(readFileSync(join(out(), 'launch-goes-ahead.json'), 'utf8'));
    expect(model.schemaVersion).toBe(2);
    expect([model.image.width, model.image.height]).toEqual([427, 640]); // orientation 6: stored 640 x 427
    const variantsModel = JSON.parse(readFileSync(join(out(), 'every-kind-of-picture.json'), 'utf8'));
    const pictures = variantsModel.sections.flatMap((s: { blocks: { type: string; image?: { src: string; renditions: { src: string; width: number; type: string }[] } }[] }) =>
      s.blocks.filter((b) => b.type === 'figure').map((b) => b.image!));
    expect(pictures).toHaveLength(8);
    // A graphic (PNG, GIF, alpha) falls back to PNG, a photo to JPEG.
    expect(pictures.map((p: { src: string }) => p.src.split('.').pop())).toEqual(['jpg', 'png', 'png', 'png', 'jpg', 'jpg', 'jpg', 'png']);
    for (const p of pictures) {
      for (const r of p.renditions) {
        const meta = await sharp(readFileSync(join(out(), r.src))).metadata();
        expect([meta.space, meta.depth, meta.width, meta.pages ?? 1], r.src).toEqual(['srgb', 'uchar', r.width, 1]);
        expect(r.width).toBeLessThanOrEqual(300);
      }
    }
    // The launch photo of a-lead and c-shared is one set of files.
    const shared = JSON.parse(readFileSync(join(out(), 'the-same-launch-again.json'), 'utf8'));
    expect(shared.image.src).toBe(model.image.src);
  });

  it('carries nothing of the camera in any picture written: out/images, inside every EPUB and every PDF', () => {
    const extracted = join(dir, 'extracted');
    mkdirSync(extracted);
    for (const f of readdirSync(out()).filter((n) => n.endsWith('.epub'))) {
      execFileSync('unzip', ['-q', '-o', join(out(), f), 'OEBPS/images/*', '-d', join(extracted, f)]);
    }
    for (const f of readdirSync(out()).filter((n) => n.endsWith('.pdf'))) {
      mkdirSync(join(extracted, f));
      execFileSync('pdfimages', ['-all', join(out(), f), join(extracted, f, 'img')]);
    }
    const files = [
      ...readdirSync(join(out(), 'images')).map((f) => join(out(), 'images', f)),
      ...readdirSync(extracted, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
    ];
    expect(files.filter((f) => f.includes('.epub')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.includes('.pdf')).length).toBeGreaterThan(5);
    const tags = JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, unknown>[];
    expect(tags).toHaveLength(files.length);
    for (const t of tags) {
      const leaked = Object.keys(t).filter((k) => CAMERA.test(k.split(':').pop()!));
      expect(leaked, String(t.SourceFile)).toEqual([]);
      for (const secret of ['SAMPLE-SERIAL-0001', 'Jane Photographer', 'Secret Agency', 'internal note']) {
        expect(readFileSync(String(t.SourceFile)).includes(secret), `${t.SourceFile}: ${secret}`).toBe(false);
      }
    }
  });

  it('a rebuild renders and encodes nothing; a text edit renders one article and encodes no picture', () => {
    const images = join(out(), 'images');
    const times = () => new Map(readdirSync(images).map((f) => [f, statSync(join(images, f)).mtimeMs]));
    const before = times();
    const again = build();
    expect(again.stderr).toMatch(/built 4 of 14/);
    expect(times()).toEqual(before);
    seed('a-lead.txt', readFileSync(join(seeds, 'a-lead.txt'), 'utf8').replace('Engineers cleared', 'Engineers finally cleared'));
    build();
    expect(readFileSync(join(out(), 'launch-goes-ahead.json'), 'utf8')).toContain('finally');
    expect(times()).toEqual(before);
  });

  it('gives the same bytes from a fresh build, on the worker pool, in another time zone', () => {
    const fresh = join(dir, 'out-pool');
    build(fresh, { GALLEY_POOL_MIN: '1', GALLEY_THREADS: '2', TZ: 'Pacific/Kiritimati', LC_ALL: 'C.UTF-8' });
    const a = snapshot(out());
    const b = snapshot(fresh);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('removes the pictures no article shows any more', () => {
    const launch = JSON.parse(readFileSync(join(out(), 'launch-goes-ahead.json'), 'utf8')).image.src as string;
    rmSync(join(seeds, 'c-shared.txt'));
    build();
    expect(statSync(join(out(), launch)).isFile()).toBe(true); // a-lead and d-arabic still show it
    rmSync(join(seeds, 'a-lead.txt'));
    rmSync(join(seeds, 'd-arabic.txt'));
    build();
    expect(() => statSync(join(out(), launch))).toThrow();
    expect(readdirSync(join(out(), 'images')).length).toBeGreaterThan(0); // b-variants' stay
  });
});
