// The words of a site's own files (pages, feeds, catalog, editions: the site's language) and of an
// article's files (the article's language), each with the site's overrides.
import type { SiteConfig } from '../model/config.js';
import { messagesFor, type Messages } from './messages.js';

type Words = Pick<SiteConfig, 'language' | 'messages'>;

/** The words of the site's pages, feeds, catalog and editions: in the site's `language`. */
export function siteMessages(config: Words): Messages {
  return messagesFor(config.language, config.messages);
}

/** The words of an article's own files (its page, PDF, EPUB): in the article's language. */
export function articleMessages(language: string, config: Pick<SiteConfig, 'messages'>): Messages {
  return messagesFor(language, config.messages);
}

/** The site's description: the config's, else "Articles published with <title>" in the site's language. */
export function siteDescription(config: Words & Pick<SiteConfig, 'description' | 'title'>): string {
  return config.description ?? siteMessages(config).text('site.description', { site: config.title });
}

/** The author of an article whose seed names none: the config's, else the word for staff in the article's language. */
export function defaultAuthor(config: Pick<SiteConfig, 'author' | 'messages'>, language: string): string {
  return config.author ?? articleMessages(language, config).text('article.staff');
}
