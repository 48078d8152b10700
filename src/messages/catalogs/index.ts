// Every catalog Galley ships, by language tag (a script subtag where a language is written in two).
import type { Catalog } from '../ids.js';
import { en } from './en.js';
import { am } from './am.js';
import { ar } from './ar.js';
import { bn } from './bn.js';
import { de } from './de.js';
import { el } from './el.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { gu } from './gu.js';
import { he } from './he.js';
import { hi } from './hi.js';
import { hy } from './hy.js';
import { id } from './id.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ka } from './ka.js';
import { km } from './km.js';
import { kn } from './kn.js';
import { ko } from './ko.js';
import { lo } from './lo.js';
import { ml } from './ml.js';
import { my } from './my.js';
import { nl } from './nl.js';
import { pa } from './pa.js';
import { pl } from './pl.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import { sw } from './sw.js';
import { ta } from './ta.js';
import { te } from './te.js';
import { th } from './th.js';
import { tr } from './tr.js';
import { uk } from './uk.js';
import { ur } from './ur.js';
import { vi } from './vi.js';
import { zhHans } from './zh-hans.js';
import { zhHant } from './zh-hant.js';
import { RELATED_ONLY } from './related.js';

export const CATALOGS: Readonly<Record<string, Catalog>> = {
  en,
  am,
  ar,
  bn,
  de,
  el,
  es,
  fa,
  fr,
  gu,
  he,
  hi,
  hy,
  id,
  it,
  ja,
  ka,
  km,
  kn,
  ko,
  lo,
  ml,
  my,
  nl,
  pa,
  pl,
  pt,
  ru,
  sw,
  ta,
  te,
  th,
  tr,
  uk,
  ur,
  vi,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ...RELATED_ONLY,
};
