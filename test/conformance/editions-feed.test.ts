// feeds/editions.xml (issue 22) as a feed reader's parser reads it: every edition an item, newest first, its
// EPUB the enclosure with its true length, its page the link.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTools, run } from '../support/tools.js';
import { buildWebCorpus, SITE_URL } from '../support/web-corpus.js';
import type { WebCorpus } from '../support/web-corpus.js';

let corpus: WebCorpus;

interface Item { title: string; link: string; id: string; enclosures: { href: string; length: string; type: string }[] }

describeWithTools(['/usr/bin/python3'], 'the feed of editions', () => {
  beforeAll(async () => {
    corpus = await buildWebCorpus();
  }, 180_000);

  it('lists each edition, newest first, with its EPUB as the enclosure', () => {
    const script = [
      'import json, sys, feedparser',
      'd = feedparser.parse(sys.argv[1])',
      'print(json.dumps({"bozo": bool(d.bozo), "version": d.version, "title": d.feed.title,',
      '  "items": [{"title": e.title, "link": e.link, "id": e.id, "enclosures": [dict(href=x.href, length=x.length, type=x.type) for x in e.enclosures]} for e in d.entries]}))',
    ].join('\n');
    const feed = JSON.parse(run('/usr/bin/python3', ['-c', script, join(corpus.outDir, 'feeds/editions.xml')])) as { bozo: boolean; version: string; title: string; items: Item[] };
    expect([feed.bozo, feed.version, feed.title]).toEqual([false, 'rss20', 'Galley News: editions']);
    const editions = readdirSync(join(corpus.outDir, 'editions')).filter((d) => /^\d{4}-W\d{2}$/.test(d)).sort().reverse();
    expect(feed.items.map((i) => i.link)).toEqual(editions.map((e) => `${SITE_URL}/editions/${e}/`));
    for (const [i, item] of feed.items.entries()) {
      const key = editions[i]!;
      const epub = join(corpus.outDir, 'editions', key, `${key}.epub`);
      expect(item.enclosures).toEqual([{ href: `${SITE_URL}/editions/${key}/${key}.epub`, length: String(statSync(epub).size), type: 'application/epub+zip' }]);
      expect(item.id).toMatch(/^urn:uuid:/);
      // The title the edition's page gives it.
      expect(readFileSync(join(corpus.outDir, 'editions', key, 'index.html'), 'utf8')).toContain(`<title>${item.title}</title>`);
    }
  });
});
