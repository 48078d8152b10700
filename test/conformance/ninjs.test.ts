// IPTC ninjs 3.1 (issue 23): every article's out/ninjs/<slug>.json valid against IPTC's own schema (draft
// 2020-12, formats checked), with IPTC's examples as a positive control and a broken copy as a negative one,
// and each field read back against the model it came from.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';

const SCHEMAS = resolve('../shared/schemas/ninjs-3.1');
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
// The schema points places' geometry at GeoJSON's schema on the web; no test fetches anything, and Galley writes
// no geometry, so it stands here as any object.
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'ninjs-schema_3.1.json'), 'utf8')));
const errors = () => JSON.stringify(validate.errors, null, 1);

describe('IPTC ninjs 3.1', () => {
  let out: string;
  const config = SiteConfig.parse({
    title: 'Galley News', url: 'https://example.org/news', copyrightHolder: 'Galley News Ltd',
    copyrightNotice: '© 2026 Galley News Ltd', usageTerms: 'Republication by subscribers only',
  });

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-ninjs-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    cpSync('seeds/putin-north-korea.txt', join(seeds, 'putin-north-korea.txt'));
    for (const f of readdirSync('test/fixtures/scripts').filter((n) => n.endsWith('.txt'))) cpSync(join('test/fixtures/scripts', f), join(seeds, f));
    cpSync('test/fixtures/pictures', seeds, { recursive: true });
    out = join(root, 'out');
    const result = await build({ seedsDir: seeds, outDir: out, config, formats: selectFormats(null) });
    expect(result.failed).toEqual([]);
  }, 180_000);

  it('accepts IPTC\'s own examples and refuses a broken copy (the validator is looking)', () => {
    for (const f of readdirSync(SCHEMAS).filter((n) => n.startsWith('example-'))) {
      expect(validate(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8'))), `${f}: ${errors()}`).toBe(true);
    }
    const broken = JSON.parse(readFileSync(join(SCHEMAS, 'example-004_simple_text_article.json'), 'utf8'));
    expect(validate({ ...broken, pubStatus: 'published', versionCreated: 'yesterday' })).toBe(false);
    expect(validate({ ...broken, uri: undefined })).toBe(false);
  });

  it('writes one valid document per article, with everything the model holds', () => {
    const models = readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'article.schema.json');
    const documents = readdirSync(join(out, 'ninjs'));
    expect(documents.sort()).toEqual(models.sort());
    expect(documents.length).toBeGreaterThan(25);
    for (const name of documents) {
      const ninjs = JSON.parse(readFileSync(join(out, 'ninjs', name), 'utf8'));
      expect(validate(ninjs), `${name}: ${errors()}`).toBe(true);
      const model = JSON.parse(readFileSync(join(out, name), 'utf8'));
      expect([ninjs.uri, ninjs.type, ninjs.language, ninjs.headlines[0].value, ninjs.descriptions[0].value, ninjs.firstCreated, ninjs.slugline], name)
        .toEqual([model.id, 'text', model.language, model.title, model.summary, model.published, model.slug]);
      expect(ninjs.versionCreated).toBe(model.updated ?? model.published);
      expect([ninjs.copyrightHolder, ninjs.copyrightNotice, ninjs.usageTerms]).toEqual(['Galley News Ltd', '© 2026 Galley News Ltd', 'Republication by subscribers only']);
      expect((ninjs.subjects ?? []).map((s: { name: string }) => s.name)).toEqual(model.tags);
      expect(ninjs.bodies.map((b: { contentType: string }) => b.contentType)).toEqual(['text/html', 'text/plain']);
      expect(ninjs.bodies[1].wordCount).toBe(model.stats.words);
      // The web page, PDF, EPUB and model, each a file of out/ at its URL.
      expect(ninjs.renditions.map((r: { name: string }) => r.name)).toEqual(['web', 'print', 'ebook', 'galley']);
      for (const r of ninjs.renditions.slice(1)) {
        expect(readFileSync(join(out, r.href.replace('https://example.org/news/', ''))).length, r.href).toBe(r.sizeInBytes);
      }
    }
  });

  it('gives each picture as an associated picture object with its renditions', () => {
    const ninjs = JSON.parse(readFileSync(join(out, 'ninjs', 'launch-goes-ahead-after-two-days-of-delays.json'), 'utf8'));
    const model = JSON.parse(readFileSync(join(out, 'launch-goes-ahead-after-two-days-of-delays.json'), 'utf8'));
    expect(ninjs.profile).toBe('text-photo');
    // The lead and the figure show one source: one associated object.
    expect(ninjs.associations).toHaveLength(1);
    const [lead] = ninjs.associations;
    expect([lead.name, lead.rel, lead.type, lead.uri, lead.by]).toEqual(['lead-1', 'lead', 'picture', `urn:galley:picture:${model.image.sha256}`, 'Photo: NASA']);
    expect(lead.descriptions.map((d: { role: string; value: string }) => [d.role, d.value])).toEqual([['alt', model.image.alt], ['caption', model.image.caption]]);
    expect(lead.renditions.map((r: { href: string; width: number; contentType: string }) => [r.href, r.width, r.contentType]))
      .toEqual(model.image.renditions.map((r: { src: string; width: number; type: string }) => [`https://example.org/news/${r.src}`, r.width, r.type]));
    expect(ninjs.bodies[0].value).toContain('<img src="https://example.org/news/images/');
  });

  it('refuses what the schema refuses: our own document broken the same way', () => {
    const ninjs = JSON.parse(readFileSync(join(out, 'ninjs', 'putin-seeks-to-court-north-korea-prior-to-scheduled-visit.json'), 'utf8'));
    expect(validate(ninjs)).toBe(true);
    expect(validate({ ...ninjs, type: 'article' })).toBe(false);
    expect(validate({ ...ninjs, renditions: [{ href: 'not a uri' }] })).toBe(false);
  });
});
