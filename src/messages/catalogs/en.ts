// Galley's own words in English: the source every other catalog translates, and what a language without a
// catalog reads. ICU MessageFormat; each message's arguments are listed in ../ids.ts's SAMPLES.
export const en = {
  // The author of an article whose seed and site name none.
  'article.staff': 'Staff',
  // The heading over an article page's PDF and EPUB links.
  'article.download': 'Download',
  // The heading over an article's related reading list.
  'article.related': 'Related reading',
  // The folio at the foot of a PDF page.
  'pdf.folio': '{page, number} / {pages, number}',
  // ninjs renditions: the article's web page, and Galley's JSON model of it.
  'ninjs.webPage': 'Web page',
  'ninjs.model': 'Galley article model',
  'ninjs.print': 'PDF for print',
  'ninjs.ebook': 'EPUB for e-readers',
  // EPUB schema:accessibilitySummary of one article, without and with pictures.
  'epub.summary': 'A single article in one reading order, with headings for its sections and a table of contents. The text contains no images; the cover image repeats the headline and publisher. The stylesheet sets no colours, and fonts only as fallbacks for scripts a default font may lack, so reading systems can restyle the text.',
  'epub.summaryPictures': 'A single article in one reading order, with headings for its sections and a table of contents. Its pictures have text alternatives, and captions and credits as text; a picture that only decorates is marked so. The cover image shows the lead picture with the headline and publisher, which the book repeats. The stylesheet sets no colours, and fonts only as fallbacks for scripts a default font may lack, so reading systems can restyle the text.',
  // The site's description where its config gives none.
  'site.description': 'Articles published with {site}',
  // The line of feed links under every page: {links} is the list of links.
  'site.feeds': 'Feeds: {links}',
  'site.opds': 'OPDS catalog for e-readers',
  'site.editions': 'Editions',
  'site.search': 'Search',
  'site.searchNoScript': 'Search needs JavaScript, which is off.',
  // A list of articles or editions, a page at a time.
  'list.empty': 'No articles yet.',
  'list.page': 'Page {page, number} of {pages, number}',
  'list.pageTitle': '{title} · page {page, number} of {pages, number}',
  'list.pages': 'Archive pages',
  'list.newer': 'Newer articles',
  'list.older': 'Older articles',
  // The OPDS catalog's root and its two acquisition feeds.
  'opds.latest': 'Latest articles',
  'opds.latestSummary': 'The newest articles, each as an EPUB and a PDF.',
  'opds.editions': 'Editions',
  'opds.editionsSummary': 'Every edition, newest first: a day’s or a week’s articles as one EPUB and one PDF.',
  // An edition: the day's ({date}: a long date) or the week's articles as one publication.
  'edition.day': '{date}',
  'edition.week': 'Week {week, number} of {year}',
  'edition.title': '{site}: {edition}',
  'edition.number': 'No. {number, number}',
  'edition.articles': '{count, plural, one {# article} other {# articles}}',
  'edition.sections': '{count, plural, one {# section} other {# sections}}',
  'edition.contents': 'Contents',
  'edition.topStories': 'Top stories',
  // The section of articles that no configured section takes, or that have no tag.
  'edition.otherSection': 'More news',
  'edition.download': 'Download the edition',
  'edition.list': 'Editions',
  'edition.empty': 'No editions yet.',
  'edition.newer': 'Newer editions',
  'edition.older': 'Older editions',
  'edition.pages': 'Edition pages',
  'edition.feedTitle': '{site}: editions',
  'edition.feedDescription': 'Each edition of {site} as one EPUB and one PDF.',
  // EPUB schema:accessibilitySummary of an edition, without and with pictures.
  'edition.summary': 'An edition of several articles in one reading order, grouped in sections, with a table of contents by section and article. The cover image repeats the publication’s name, the date and the top headlines. The stylesheet sets no colours, so reading systems can restyle the text.',
  'edition.summaryPictures': 'An edition of several articles in one reading order, grouped in sections, with a table of contents by section and article. Its pictures have text alternatives, and captions and credits as text. The cover image shows a lead picture with the publication’s name, the date and the top headlines, which the book repeats. The stylesheet sets no colours, so reading systems can restyle the text.',
} as const;
