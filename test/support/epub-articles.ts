// Articles that try the EPUB exporter: languages, scripts and directions, many sections, empty lists.
import type { Article, Section } from '../../src/model/article.js';
import { sampleArticle } from './article.js';

/** The entries of Galley's EPUB, in the order its zip holds them. */
export const ENTRY_ORDER = [
  'mimetype',
  'META-INF/container.xml',
  'OEBPS/content.opf',
  'OEBPS/toc.xhtml',
  'OEBPS/toc.ncx',
  'OEBPS/article.xhtml',
  'OEBPS/style.css',
  'OEBPS/cover.png',
];

export function section(id: string, heading: string | null, text: string): Section {
  return { id, kicker: heading === null ? null : 'Kicker', heading, blocks: [{ type: 'paragraph', text }] };
}

/** The variants EPUBCheck judges and the unit tests read, beside the sample: languages, empty lists, many sections, awkward ids. */
export function variants(): Record<string, Article> {
  return {
    sample: sampleArticle(),
    german: sampleArticle({
      id: 'urn:uuid:1b0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'deutscher-artikel',
      language: 'de',
      title: 'Straßenbahn­verkehrs­betriebe stellen Fahrplan um: „Änderungen“ ab Montag',
      authors: ['Jürgen Weiß'],
      tags: [],
      updated: '2024-07-02T15:04:05.000Z',
      url: 'https://example.org/articles/deutscher-artikel/',
      summary: 'Die Verkehrsbetriebe ändern den Fahrplan & informieren über <Umleitungen>.',
      sections: Array.from({ length: 25 }, (_, i) => section(`abschnitt-${i + 1}`, `Abschnitt ${i + 1}: Überblick`, `Absatz ${i + 1} mit Donaudampfschifffahrtsgesellschaftskapitän und ß.`)),
    }),
    russian: sampleArticle({
      id: 'urn:uuid:2c0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'russkaya-statya',
      language: 'ru',
      title: 'Путин и 김정은 встретились в Пхеньяне 🙂',
      related: [],
      sections: [
        section('lead', null, 'Вводный абзац на русском языке.'),
        section('2024-itogi', 'Итоги 2024 года', 'Абзац с греческим Ελλάδα и корейским 김정은.'),
        section('3', 'Три', 'Ещё один абзац.'),
      ],
    }),
    minimal: sampleArticle({
      id: 'urn:uuid:3d0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'minimal',
      authors: ['Staff'],
      tags: [],
      related: [],
      sections: [],
    }),
    arabic: arabicArticle(),
    hebrew: hebrewArticle(),
  };
}

/** Arabic with Latin runs (a Latin byline name, "COP29", a URL) inside the right-to-left text. */
export function arabicArticle(): Article {
  return sampleArticle({
    id: 'urn:uuid:4e0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
    slug: 'qimmat-al-munakh',
    language: 'ar',
    title: 'قمة المناخ COP29 تختتم أعمالها في باكو',
    authors: ['John Smith', 'سارة أحمد'],
    tags: ['مناخ'],
    summary: 'اختتمت القمة أعمالها يوم الأحد بعد مفاوضات استمرت أسبوعين.',
    sections: [
      section('lead', null, 'قال الأمين العام إن الاتفاق “أساس يمكن البناء عليه” (BBC News, 24 November).'),
      { id: 'tahlil', kicker: 'تحليل', heading: 'ماذا بعد باكو؟', blocks: [
        { type: 'paragraph', text: 'تنتقل المفاوضات إلى البرازيل في عام 2025.' },
        { type: 'list', title: 'أبرز النقاط', items: ['300 مليار دولار سنوياً.', 'نحو 200 دولة.'] },
      ] },
    ],
    related: [{ text: 'اتفاقية الأمم المتحدة https://unfccc.int/cop29', url: 'https://unfccc.int/cop29' }],
  });
}

export function hebrewArticle(): Article {
  return sampleArticle({
    id: 'urn:uuid:5f0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
    slug: 'bechirot',
    language: 'he',
    title: 'הבחירות לכנסת: תוצאות ראשונות',
    authors: ['דנה לוי'],
    tags: [],
    summary: 'ועדת הבחירות פרסמה את התוצאות הראשונות אחרי חצות.',
    sections: [
      section('lead', null, 'שיעור ההצבעה עמד על 71.3% לפי נתוני ה-CEC.'),
      { id: 'nituach', kicker: 'ניתוח', heading: 'מה הלאה', blocks: [
        { type: 'list', title: null, items: ['מגעים קואליציוניים.', 'השבעת הכנסת.'] },
      ] },
    ],
    related: [],
  });
}
