// Languages Galley has no whole catalog for yet, but whose related-reading heading it knows: the phrase
// newspapers there print over their related-reading box. Their other words are English (marked so).
import type { Catalog } from '../ids.js';

const related = (heading: string): Catalog => ({ 'article.related': heading });

export const RELATED_ONLY: Readonly<Record<string, Catalog>> = {
  cs: related('Čtěte také'),
  sk: related('Čítajte aj'),
  ro: related('Citește și'),
  hr: related('Pročitajte još'),
  'sr-Cyrl': related('Прочитајте још'),
  'sr-Latn': related('Pročitajte još'),
  bg: related('Прочетете още'),
  sv: related('Läs också'),
  da: related('Læs også'),
  no: related('Les også'),
  nb: related('Les også'),
  nn: related('Les også'),
  fi: related('Lue myös'),
  mr: related('हेही वाचा'),
  ne: related('यो पनि पढ्नुहोस्'),
  ms: related('Baca juga'),
};
