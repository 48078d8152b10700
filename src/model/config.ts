// Site configuration (galley.config.json): what one site says once for all its articles.
import { z } from 'zod';

export const SiteConfig = z.object({
  title: z.string().min(1).default('Galley'),
  url: z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/\S+$/).nullable().default(null)
    .describe('Site URL; article URLs are <url>/articles/<slug>/'),
  author: z.string().min(1).default('Staff').describe('Author of articles whose seed names none'),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/).default('en'),
  description: z.string().min(1).default('Articles published with Galley'),
  relatedTitles: z.array(z.string().min(1)).default([])
    .describe('More list titles that mark related reading, e.g. "Lesen Sie auch"'),
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  feedLimit: z.number().int().positive().default(50),
}).strict();

export type SiteConfig = z.infer<typeof SiteConfig>;

export const DEFAULT_CONFIG: SiteConfig = SiteConfig.parse({});
