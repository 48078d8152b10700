// The article id: UUID v5 (URL namespace) of `<site URL>/<file stem>`; stable across edits, changed by a rename.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { articleId, withSlug } from '../../../src/normalize/index.js';
import { NAMESPACE_URL, uuidV5 } from '../../../src/normalize/uuid.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../../src/model/config.js';
import { article } from './helpers.js';

/** An independent UUID v5, straight from RFC 9562 section 5.5. */
function referenceV5(name: string): string {
  const hash = createHash('sha1').update(Buffer.from(NAMESPACE_URL.replace(/-/g, ''), 'hex')).update(name).digest('hex');
  const variant = ((parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

describe('uuidV5', () => {
  test('known vector: python uuid.uuid5(NAMESPACE_URL, "http://python.org/")', () => {
    expect(uuidV5('http://python.org/')).toBe('4c565f0d-3f5a-5890-b41b-20cf47701c5e');
    expect(referenceV5('http://python.org/')).toBe('4c565f0d-3f5a-5890-b41b-20cf47701c5e');
    expect(NAMESPACE_URL).toBe('6ba7b811-9dad-11d1-80b4-00c04fd430c8');
  });
});

describe('article id', () => {
  const site = { url: 'https://news.example' };

  test('is urn:uuid: of UUID v5 of <site URL>/<file stem>', () => {
    expect(article('Headline', site, 'seeds/putin-north-korea.txt').id).toBe('urn:uuid:5ed7b6cc-ae4a-5780-baa2-bc793b1622de');
  });

  test('with no site URL: of urn:galley:/<file stem>', () => {
    expect(article('Headline', {}, 'seeds/putin-north-korea.txt').id).toBe(`urn:uuid:${referenceV5('urn:galley:/putin-north-korea')}`);
  });

  test('stable when the headline and the text change', () => {
    const a = article('First headline\nText one.', site, 'seeds/story.txt');
    const b = article('---\ndate: 2020-01-01\nslug: other\n---\nA different headline\nOther text.', site, 'seeds/story.txt');
    expect(b.id).toBe(a.id);
    expect(b.slug).not.toBe(a.slug);
  });

  test('different when the file name changes', () => {
    expect(article('Same', site, 'seeds/story.txt').id).not.toBe(article('Same', site, 'seeds/story-2.txt').id);
  });

  test('the folder does not matter, nor does the .txt case', () => {
    const id = article('T', site, 'seeds/story.txt').id;
    expect(article('T', site, 'other/dir/story.txt').id).toBe(id);
    expect(article('T', site, 'C:\\seeds\\story.TXT').id).toBe(id);
  });

  test('independent of a trailing slash on the site URL', () => {
    const id = article('T', { url: 'https://news.example' }, 'seeds/s.txt').id;
    expect(article('T', { url: 'https://news.example/' }, 'seeds/s.txt').id).toBe(id);
    expect(article('T', { url: 'https://news.example///' }, 'seeds/s.txt').id).toBe(id);
    expect(articleId('https://news.example', 's.txt')).toBe(id);
  });

  test('different sites give different ids for the same file', () => {
    expect(article('T', { url: 'https://a.example' }, 's.txt').id).not.toBe(article('T', { url: 'https://b.example' }, 's.txt').id);
  });

  test('matches the schema: version 5, RFC variant', () => {
    expect(article('T').id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('withSlug', () => {
  const config = SiteConfig.parse({ ...DEFAULT_CONFIG, url: 'https://news.example/' });

  test('moves a URL made from the old slug; keeps the id', () => {
    const a = article('Same headline', { url: 'https://news.example/' });
    const b = withSlug(a, 'same-headline-2', config);
    expect(b).toMatchObject({ slug: 'same-headline-2', url: 'https://news.example/articles/same-headline-2/', id: a.id });
  });

  test('keeps a front matter url', () => {
    const a = article('---\nurl: https://elsewhere.example/x\n---\nSame', { url: 'https://news.example/' });
    expect(withSlug(a, 'same-2', config).url).toBe('https://elsewhere.example/x');
  });
});
