// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a zod schema, to check feed.json in the tests.
import { z } from 'zod';

// The spec says "string" for URLs; a feed on the web needs absolute ones, so the schema asks for them.
const url = z.url();
// RFC 3339 allows offsets, which a strict UTC-only check would wrongly refuse.
const dateTime = z.iso.datetime({ offset: true });
// "Names must start with an _ character followed by a letter": the only keys beyond the spec's own.
const extensionKey = /^_[A-Za-z]/;

/** Keys outside the spec are allowed only as `_extension` objects. */
function withExtensions<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(key in shape) && !extensionKey.test(key)) {
        ctx.addIssue({ code: 'custom', message: `unknown key "${key}" (extensions must start with _ and a letter)`, path: [key] });
      }
    }
  });
}

/** An author object: every member optional, but at least one present. */
export const JsonFeedAuthor = withExtensions({
  name: z.string().optional(),
  url: url.optional(),
  avatar: url.optional(),
}).refine((a) => a.name !== undefined || a.url !== undefined || a.avatar !== undefined, 'an author needs name, url or avatar');

/** An attachment: url and mime_type required. */
export const JsonFeedAttachment = withExtensions({
  url,
  mime_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+/),
  title: z.string().optional(),
  size_in_bytes: z.number().nonnegative().optional(),
  duration_in_seconds: z.number().nonnegative().optional(),
});

/** An item: a string id and at least one of content_html and content_text. */
export const JsonFeedItem = withExtensions({
  id: z.string().min(1),
  url: url.optional(),
  external_url: url.optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: url.optional(),
  banner_image: url.optional(),
  date_published: dateTime.optional(),
  date_modified: dateTime.optional(),
  authors: z.array(JsonFeedAuthor).optional(),
  /** Deprecated in 1.1 but still valid. */
  author: JsonFeedAuthor.optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/).optional(),
  attachments: z.array(JsonFeedAttachment).optional(),
}).refine((item) => item.content_html !== undefined || item.content_text !== undefined, 'an item needs content_html or content_text');

/** A whole JSON Feed 1.1 document. */
export const JsonFeed = withExtensions({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string(),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: url.optional(),
  icon: url.optional(),
  favicon: url.optional(),
  authors: z.array(JsonFeedAuthor).optional(),
  author: JsonFeedAuthor.optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/).optional(),
  expired: z.boolean().optional(),
  hubs: z.array(z.object({ type: z.string().min(1), url })).optional(),
  items: z.array(JsonFeedItem),
}).superRefine((feed, ctx) => {
  // "id is unique for that item for that feed over time": at least unique within one document.
  const seen = new Set<string>();
  feed.items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate item id "${item.id}"`, path: ['items', i, 'id'] });
    seen.add(item.id);
  });
  if (feed.next_url !== undefined && feed.next_url === feed.feed_url) {
    ctx.addIssue({ code: 'custom', message: 'next_url must not be the same as feed_url', path: ['next_url'] });
  }
});

export type JsonFeed = z.infer<typeof JsonFeed>;
