// A hand-built Article for exporter tests that must not depend on the normalizer.
import { Article, SCHEMA_VERSION } from '../../src/model/article.js';

export function sampleArticle(overrides: Partial<Article> = {}): Article {
  return Article.parse({
    schemaVersion: SCHEMA_VERSION,
    id: 'urn:uuid:0f4e7a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
    slug: 'sample-article',
    title: 'Sample “article” & <friends>',
    language: 'en',
    authors: ['Jane Doe', 'John Roe'],
    published: '2024-06-19T00:00:00.000Z',
    updated: null,
    url: null,
    tags: ['Korea', 'Russia'],
    summary: 'A summary with ]]> and <script>alert(1)</script> in it…',
    sections: [
      { id: 'lead', kicker: null, heading: null, blocks: [
        { type: 'paragraph', text: 'First paragraph — with Cyrillic Путин, Greek Ελλάδα, Hangul 김정은 and an emoji 🙂.' },
        { type: 'paragraph', text: 'Second paragraph with <script>alert("x")</script> & ]]> as text.' },
      ] },
      { id: 'north-korean-soldiers-injured', kicker: 'News', heading: 'North Korean Soldiers Injured', blocks: [
        { type: 'paragraph', text: 'According to reports, soldiers crossed the border.' },
        { type: 'list', title: 'Key facts', items: ['One fact.', 'Another fact.'] },
      ] },
    ],
    related: [{ text: 'Related item one.', url: null }, { text: 'Related item two https://example.org/x', url: 'https://example.org/x' }],
    stats: { words: 60, readingMinutes: 1 },
    source: { path: 'seeds/sample.txt', sha256: '0'.repeat(64) },
    ...overrides,
  });
}
