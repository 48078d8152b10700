// The rss package (node-rss), used the one way Galley uses it: every rewrite of its output lives in this module.
// Pinned to rss 1.2.2 in package.json; test/unit/patches/node-rss.test.ts fails when a rewrite stops being needed or stops
// applying.
import RSS from 'rss';

/** The channel as Galley sets it: `link` and `lastBuildDate` null to leave the element out. */
export interface RssChannel {
  title: string;
  description: string;
  link: string | null;
  feedUrl: string | null;
  generator: string;
  language: string;
  ttl: number;
  lastBuildDate: Date | null;
  /** Declare the Media RSS namespace (media:content, media:thumbnail). */
  media?: boolean;
  /** RFC 5005 feed history: `atom:link`s to the archive pages (rel and absolute href), and whether this page is one. */
  history?: { links: { rel: string; href: string }[]; archive: boolean };
}

// U+FFFF is a noncharacter that xmlSafe() strips from every text we hand to the rss package, so it can
// mark the values we must rewrite afterwards without ever matching article or config text.
const MARK = '\uFFFF';

/**
 * The feed's XML from the rss package, with three rewrites:
 * 1. The package always stamps lastBuildDate with the clock, right after <generator>
 *    (https://github.com/dylang/node-rss/pull/106, open): it becomes the date given, or goes.
 * 2. Without a site URL the package writes its own GitHub page as the channel's <link>
 *    (https://github.com/dylang/node-rss/issues/116): it goes. RSS 2.0 lists the link as required, but a
 *    made-up URL would be worse than none, and parsers accept the gap.
 * 3. The XML declaration gets a line of its own and the file ends with a newline, as a text file does.
 * A release that lays the channel out differently throws here rather than leak the clock.
 */
export function rssXml(channel: RssChannel, items: readonly RSS.ItemOptions[]): string {
  // The typings claim site_url and feed_url are required; the package treats both as optional.
  const feed = new RSS({
    title: channel.title,
    description: channel.description,
    site_url: channel.link ?? MARK,
    ...(channel.feedUrl === null ? {} : { feed_url: channel.feedUrl }),
    generator: channel.generator + MARK,
    language: channel.language,
    ttl: channel.ttl,
    custom_namespaces: {
      ...(channel.media === true ? { media: 'http://search.yahoo.com/mrss/' } : {}),
      ...(channel.history?.archive === true ? { fh: 'http://purl.org/syndication/history/1.0' } : {}),
    },
    custom_elements: [
      ...(channel.history?.links ?? []).map((l) => ({ 'atom:link': { _attr: { rel: l.rel, href: l.href, type: 'application/rss+xml' } } })),
      ...(channel.history?.archive === true ? [{ 'fh:archive': '' }] : []),
    ],
  } as RSS.FeedOptions);
  for (const item of items) feed.item(item);

  let dated = false;
  const generator = `<generator>${channel.generator}</generator>`;
  const xml = feed.xml({ indent: '  ' })
    .replace('?><rss ', '?>\n<rss ')
    .replace(new RegExp(`\\n *<link>${MARK}</link>`), '')
    .replace(new RegExp(`<generator>${escapeRegExp(channel.generator)}${MARK}</generator>(\\n *)<lastBuildDate>[^<]*</lastBuildDate>`), (_, gap: string) => {
      dated = true;
      return channel.lastBuildDate === null ? generator : `${generator}${gap}<lastBuildDate>${channel.lastBuildDate.toUTCString()}</lastBuildDate>`;
    });
  if (!dated || xml.includes(MARK)) throw new Error('rss: unexpected channel layout from the rss package; cannot fix lastBuildDate');
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
