// The seed's JSON against its golden file, and the golden against the shipped JSON Schema.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exportJson } from '../../../src/exporters/json.js';
import { Article, articleJsonSchema } from '../../../src/model/article.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { normalize } from '../../../src/normalize/index.js';
import { expectGolden } from '../../support/golden.js';

const SEED = 'seeds/putin-north-korea.txt';


describe('the seed as JSON', () => {
  it('matches test/golden/putin-north-korea.json', async () => {
    const { article } = normalize(readFileSync(SEED), SEED, {
      config: DEFAULT_CONFIG,
      fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' },
    });
    const out = await exportJson(article, { config: DEFAULT_CONFIG });
    expectGolden('putin-north-korea.json', out.bytes);
  });

  it('is 2-space indented, in schema key order, with a trailing newline', async () => {
    const { article } = normalize(readFileSync(SEED), SEED, { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } });
    const shuffled = Object.fromEntries(Object.entries(article).reverse()) as Article;
    const text = new TextDecoder().decode((await exportJson(shuffled, { config: DEFAULT_CONFIG })).bytes);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
    // A version 1 article (no pictures) has no `image` key: its JSON is what it was before pictures.
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(Article.shape).filter((k) => k !== 'image'));
  });

  it('refuses a model the schema rejects instead of writing it', () => {
    const { article } = normalize('Headline\nBody.', 'x.txt', { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } });
    expect(() => exportJson({ ...article, slug: '../etc' }, { config: DEFAULT_CONFIG })).toThrow(/slug/);
  });
});

describe('article.schema.json', () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(articleJsonSchema());

  it('accepts the golden JSON', () => {
    const golden = JSON.parse(readFileSync('test/golden/putin-north-korea.json', 'utf8'));
    expect(validate(golden), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the zod schema rejects', () => {
    const golden = JSON.parse(readFileSync('test/golden/putin-north-korea.json', 'utf8'));
    for (const bad of [
      { ...golden, schemaVersion: 2 },
      { ...golden, published: '19 June 2024' },
      { ...golden, url: 'javascript:alert(1)' },
      { ...golden, extra: true },
      { ...golden, sections: [{ id: 'lead', kicker: null, heading: null, blocks: [] }] },
    ]) {
      expect(validate(bad)).toBe(false);
      expect(Article.safeParse(bad).success).toBe(false);
    }
  });
});
