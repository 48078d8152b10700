// The rss package rewrites in src/exporters/rss/node-rss.ts: each one still needed (raw rss 1.2.2 misbehaves)
// and still applied. When an upgrade fixes the package, a "raw" test fails: drop the rewrite with it.
import { readFileSync } from 'node:fs';
import RSS from 'rss';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rssXml, type RssChannel } from '../../../src/patches/node-rss.js';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const installed = JSON.parse(readFileSync(new URL('../../../node_modules/rss/package.json', import.meta.url), 'utf8')) as { version: string };

const CHANNEL: RssChannel = {
  title: 'Desk', description: 'News', link: 'https://example.org/', feedUrl: 'https://example.org/feed.xml',
  generator: 'Galley', language: 'en', ttl: 60, lastBuildDate: new Date('2024-06-20T08:30:00Z'),
};
const ITEM: RSS.ItemOptions = { title: 'One', description: 'x', url: 'https://example.org/a/', guid: 'urn:uuid:1', date: '2024-06-19T00:00:00Z' } as RSS.ItemOptions;

afterEach(() => { vi.useRealTimers(); });

function at(time: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(time));
}

/** The package as it comes. */
function raw(options: Partial<RSS.FeedOptions>): string {
  const feed = new RSS({ title: 'Desk', generator: 'Galley', ...options } as RSS.FeedOptions);
  feed.item(ITEM);
  return feed.xml({ indent: '  ' });
}

describe('rss is pinned', () => {
  it('to the exact version installed, the one these rewrites were written against', () => {
    expect(manifest.dependencies.rss).toBe('1.2.2');
    expect(installed.version).toBe('1.2.2');
  });
});

describe('lastBuildDate (node-rss#106)', () => {
  it('raw rss stamps it with the clock, on the line after <generator>, where rssXml looks for it', () => {
    at('2031-03-04T05:06:07Z');
    expect(raw({ site_url: 'https://example.org/' })).toContain('<generator>Galley</generator>\n    <lastBuildDate>Tue, 04 Mar 2031 05:06:07 GMT</lastBuildDate>');
  });

  it('rssXml writes the date given, whatever the clock says', () => {
    at('2031-03-04T05:06:07Z');
    const first = rssXml(CHANNEL, [ITEM]);
    at('2039-12-31T23:59:58Z');
    const second = rssXml(CHANNEL, [ITEM]);
    expect(second).toBe(first);
    expect(first).toContain('<generator>Galley</generator>\n    <lastBuildDate>Thu, 20 Jun 2024 08:30:00 GMT</lastBuildDate>');
    expect(first).not.toMatch(/203[19]/);
  });

  it('rssXml leaves it out when given none', () => {
    const xml = rssXml({ ...CHANNEL, lastBuildDate: null }, []);
    expect(xml).toContain('<generator>Galley</generator>');
    expect(xml).not.toContain('lastBuildDate');
  });
});

describe('the channel link without a site URL (node-rss#116)', () => {
  it('raw rss writes its own GitHub page', () => {
    expect(raw({})).toContain('<link>http://github.com/dylang/node-rss</link>');
  });

  it('rssXml writes no channel link, and keeps the items\' links', () => {
    const xml = rssXml({ ...CHANNEL, link: null, feedUrl: null }, [ITEM]);
    const channel = xml.slice(0, xml.indexOf('<item>'));
    expect(channel).not.toContain('<link>');
    expect(xml).toContain('<link>https://example.org/a/</link>');
    expect(xml).not.toContain('\uFFFF');
  });

  it('rssXml keeps the site URL when there is one', () => {
    expect(rssXml(CHANNEL, [])).toContain('<link>https://example.org/</link>');
  });
});

describe('the file\'s lines', () => {
  it('raw rss glues the XML declaration to <rss> and ends without a newline', () => {
    const xml = raw({ site_url: 'https://example.org/' });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><rss ')).toBe(true);
    expect(xml.endsWith('</rss>')).toBe(true);
  });

  it('rssXml puts the declaration on a line of its own and ends with a newline', () => {
    const xml = rssXml(CHANNEL, [ITEM]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss ')).toBe(true);
    expect(xml.endsWith('</rss>\n')).toBe(true);
  });
});
