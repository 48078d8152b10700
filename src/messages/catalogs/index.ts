// Every catalog Galley ships, by language tag (a script subtag where a language is written in two).
import type { Catalog } from '../ids.js';
import { en } from './en.js';
import { RELATED_ONLY } from './related.js';

export const CATALOGS: Readonly<Record<string, Catalog>> = {
  en,
  ...RELATED_ONLY,
};
