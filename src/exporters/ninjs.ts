// Convert an Article to IPTC ninjs 3.1 (News in JSON), out/ninjs/<slug>.json: the JSON that news agencies and
// editorial systems exchange. Every field of the model that ninjs has a place for is mapped (README, "ninjs").
import type { Article } from '../model/article.js';
import { articlePictures } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { articleFilePath, siteFileUrl } from '../model/layout.js';
import type { ArticleFileFormat } from '../model/layout.js';
import type { Picture } from '../model/picture.js';
import type { ArticleExporter } from '../model/output.js';
import { authorList } from '../markup/dates.js';
import { articleXhtml } from '../markup/xhtml.js';
import { xmlSafe } from '../markup/xml.js';
import { articleMessages } from '../messages/site.js';
import type { MessageId } from '../messages/ids.js';

/** The schema a document names in `standard`: IPTC's, which it is valid against. */
export const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json';

// The article's own files, as renditions of the news object: the web page people read, the print PDF, the
// e-book and Galley's model. Only those this build writes, and only by absolute URL.
const FILE_RENDITIONS: readonly { format: ArticleFileFormat; name: string; contentType: string; title: MessageId }[] = [
  { format: 'html', name: 'web', contentType: 'text/html', title: 'ninjs.webPage' },
  { format: 'pdf', name: 'print', contentType: 'application/pdf', title: 'ninjs.print' },
  { format: 'epub', name: 'ebook', contentType: 'application/epub+zip', title: 'ninjs.ebook' },
  { format: 'json', name: 'galley', contentType: 'application/json', title: 'ninjs.model' },
];

/** One ninjs 3.1 document, keys in the order the schema lists them, 2-space indented. */
export const exportNinjs: ArticleExporter = (article, ctx) => {
  const { config } = ctx;
  const formats = ctx.formats ?? [];
  const url = (name: string): string | undefined => siteFileUrl(config.url, name) ?? undefined;
  // The renditions' titles in the article's language, as its own files are.
  const words = articleMessages(article.language, config);
  const renditions = FILE_RENDITIONS.filter((r) => formats.includes(r.format)).flatMap((r) => {
    const href = r.format === 'html' ? article.url ?? undefined : url(articleFilePath(r.format, article.slug));
    if (href === undefined) return [];
    const size = ctx.sizes?.[r.format];
    return [{ name: r.name, href, contentType: r.contentType, title: words.text(r.title), ...(size === undefined ? {} : { sizeInBytes: size }) }];
  });
  const pictures = shownPictures(article);
  const document = {
    uri: article.id,
    type: 'text',
    profile: pictures.length > 0 ? 'text-photo' : 'text-only',
    version: article.source.sha256.slice(0, 16),
    firstCreated: article.published,
    versionCreated: article.updated ?? article.published,
    contentCreated: article.published,
    pubStatus: 'usable',
    ...rights(config),
    language: article.language,
    descriptions: [{ role: 'summary', contentType: 'text/plain', value: xmlSafe(article.summary) }],
    bodies: bodies(article, config),
    headlines: [{ role: 'main', contentType: 'text/plain', value: xmlSafe(article.title) }],
    subjects: article.tags.length > 0 ? article.tags.map((tag) => ({ name: xmlSafe(tag), literal: xmlSafe(tag) })) : undefined,
    title: xmlSafe(article.title),
    by: xmlSafe(authorList(article.authors, article.language)),
    slugline: article.slug,
    renditions: renditions.length > 0 ? renditions : undefined,
    associations: pictures.length > 0 ? pictures.map(({ picture, rel }, i) => association(picture, `${rel}-${i + 1}`, rel, config)) : undefined,
    altIds: [{ role: 'slug', value: article.slug }, { role: 'galley-source-sha256', value: article.source.sha256 }],
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA },
  };
  return { bytes: new TextEncoder().encode(JSON.stringify(document, null, 2) + '\n'), diagnostics: [] };
};

function rights(config: SiteConfig) {
  return {
    ...(config.copyrightHolder === null ? {} : { copyrightHolder: config.copyrightHolder }),
    ...(config.copyrightNotice === null ? {} : { copyrightNotice: config.copyrightNotice }),
    ...(config.usageTerms === null ? {} : { usageTerms: config.usageTerms }),
  };
}

/** The body as the feeds carry it (HTML, pictures by absolute URL where there is a site URL), and as plain text. */
function bodies(article: Article, config: SiteConfig) {
  const pictures = config.url === null ? undefined : { href: (src: string) => siteFileUrl(config.url, src)!, responsive: false };
  const html = articleXhtml(article, { titleBlock: false, relatedTitles: config.relatedTitles, messages: config.messages, pictures });
  const text = plainText(article);
  const words = article.stats.words;
  return [
    { role: 'main', contentType: 'text/html', wordCount: words, value: html },
    { role: 'main', contentType: 'text/plain', charCount: [...text].length, wordCount: words, value: text },
  ];
}

/** Headings, paragraphs and list items, a blank line between blocks; a figure by its caption. */
function plainText(article: Article): string {
  const blocks: string[] = [];
  for (const section of article.sections) {
    if (section.heading !== null) blocks.push(section.kicker === null ? section.heading : `${section.kicker}: ${section.heading}`);
    for (const b of section.blocks) {
      if (b.type === 'paragraph') blocks.push(b.text);
      else if (b.type === 'list') blocks.push([...(b.title === null ? [] : [`${b.title}:`]), ...b.items.map((item) => `- ${item}`)].join('\n'));
      else if (b.image.caption !== null) blocks.push(b.image.caption);
    }
  }
  return xmlSafe(blocks.join('\n\n'));
}

/** Each picture (each source once), with how it relates to the article. */
function shownPictures(article: Article): { picture: Picture; rel: 'lead' | 'figure' }[] {
  return articlePictures(article).map((picture) => ({ picture, rel: picture === article.image ? 'lead' : 'figure' }));
}

/** A picture as an associated ninjs object of type picture, its renditions by absolute URL. */
function association(picture: Picture, name: string, rel: 'lead' | 'figure', config: SiteConfig) {
  const descriptions = [
    ...(picture.decorative ? [] : [{ role: 'alt', contentType: 'text/plain', value: xmlSafe(picture.alt) }]),
    ...(picture.caption === null ? [] : [{ role: 'caption', contentType: 'text/plain', value: xmlSafe(picture.caption) }]),
  ];
  const renditions = picture.renditions.flatMap((r) => {
    const href = siteFileUrl(config.url, r.src);
    return [{ name: `${r.type.split('/')[1]}-${r.width}`, ...(href === null ? {} : { href }), contentType: r.type, width: r.width, height: r.height }];
  });
  return {
    name,
    rel,
    // The source's hash: one picture is one object, whichever articles show it.
    uri: `urn:galley:picture:${picture.sha256}`,
    type: 'picture',
    ...(descriptions.length > 0 ? { descriptions } : {}),
    ...(picture.credit === null ? {} : { by: xmlSafe(picture.credit) }),
    renditions,
  };
}
