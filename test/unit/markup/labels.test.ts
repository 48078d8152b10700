// The related-reading heading: the article's language, else the site's own related title, else English; and
// every format that prints it (PDF bookmark, EPUB chapter, nav and NCX, RSS and JSON Feed) asks the same way.
import { describe, expect, it } from 'vitest';
import { chapterDocument, navDocument, ncxDocument } from '../../../src/exporters/epub/documents.js';
import { exportJsonFeed } from '../../../src/exporters/jsonfeed.js';
import { exportPdf } from '../../../src/exporters/pdf.js';
import { exportRss } from '../../../src/exporters/rss.js';
import { DEFAULT_CONFIG, type SiteConfig } from '../../../src/model/config.js';
import { relatedHeading } from '../../../src/markup/labels.js';
import { sampleArticle } from '../../support/article.js';

describe('relatedHeading', () => {
  it('speaks the languages of the world\'s widely read news', () => {
    const expected: Record<string, string> = {
      ar: 'اقرأ أيضا', fa: 'بیشتر بخوانید', ur: 'مزید پڑھیے', he: 'עוד בנושא', hi: 'ये भी पढ़ें', bn: 'আরও পড়ুন',
      ta: 'தொடர்புடைய செய்திகள்', te: 'ఇవి కూడా చదవండి', kn: 'ಇದನ್ನೂ ಓದಿ', ml: 'ഇതും വായിക്കുക', gu: 'આ પણ વાંચો',
      pa: 'ਇਹ ਵੀ ਪੜ੍ਹੋ', mr: 'हेही वाचा', ne: 'यो पनि पढ्नुहोस्', th: 'ข่าวที่เกี่ยวข้อง', lo: 'ຂ່າວທີ່ກ່ຽວຂ້ອງ',
      km: 'អត្ថបទពាក់ព័ន្ធ', my: 'ဆက်စပ်သတင်းများ', zh: '相关阅读', ja: '関連記事', ko: '관련 기사', ka: 'ასევე წაიკითხეთ',
      hy: 'Կարդացեք նաև', am: 'ተዛማጅ ዜናዎች', vi: 'Tin liên quan', tr: 'İlgili haberler', id: 'Baca juga', ms: 'Baca juga',
      sw: 'Soma pia', en: 'Related reading', de: 'Mehr zum Thema', fr: 'À lire aussi', ru: 'Читайте также',
    };
    for (const [language, heading] of Object.entries(expected)) expect(relatedHeading(language), language).toBe(heading);
  });

  it('reads the primary subtag of a longer tag, in any case', () => {
    expect(relatedHeading('ar-EG')).toBe('اقرأ أيضا');
    expect(relatedHeading('PT-br')).toBe('Leia também');
    expect(relatedHeading('hi-Deva-IN')).toBe('ये भी पढ़ें');
  });

  it('writes Chinese in the tag\'s script: Hant for zh-Hant, zh-TW, zh-HK and zh-MO; else Hans', () => {
    for (const tag of ['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant-CN']) expect(relatedHeading(tag), tag).toBe('相關閱讀');
    for (const tag of ['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-HK']) expect(relatedHeading(tag), tag).toBe('相关阅读');
  });

  it('writes Serbian in the tag\'s script', () => {
    expect(relatedHeading('sr')).toBe('Прочитајте још');
    expect(relatedHeading('sr-Latn')).toBe('Pročitajte još');
  });

  it('knows the retired tags iw and in as Hebrew and Indonesian', () => {
    expect(relatedHeading('iw')).toBe('עוד בנושא');
    expect(relatedHeading('in')).toBe('Baca juga');
  });

  it('falls back on the site\'s first related title, without its colon, then on English', () => {
    expect(relatedHeading('yo', ['Ka siwaju', 'Awọn iroyin miiran'])).toBe('Ka siwaju');
    expect(relatedHeading('yo', ['Ka siwaju:'])).toBe('Ka siwaju');
    expect(relatedHeading('bo', ['འབྲེལ་ཡོད་གནས་ཚུལ། ：'])).toBe('འབྲེལ་ཡོད་གནས་ཚུལ།');
    expect(relatedHeading('yo')).toBe('Related reading');
    expect(relatedHeading('yo', [':'])).toBe('Related reading');
    expect(relatedHeading('x-invalid-tag!')).toBe('Related reading');
  });

  it('prefers its own translation to the site\'s title', () => {
    expect(relatedHeading('de', ['Lesen Sie auch'])).toBe('Mehr zum Thema');
  });
});

describe('every format asks with the site config', () => {
  const config: SiteConfig = { ...DEFAULT_CONFIG, relatedTitles: ['Ka siwaju'], url: 'https://news.example' };
  const article = sampleArticle({ language: 'yo' });

  it('PDF: the bookmark of the related reading', async () => {
    const pdf = Buffer.from((await exportPdf(article, { config })).bytes).toString('latin1');
    expect(pdf).toContain('/Title (Ka siwaju)');
    expect(pdf).not.toContain('/Title (Related reading)');
  });

  it('EPUB: the chapter heading, the nav and the NCX', () => {
    expect(chapterDocument(article, config)).toContain('<h2>Ka siwaju</h2>');
    expect(navDocument(article, config)).toContain('>Ka siwaju</a>');
    expect(ncxDocument(article, config)).toContain('<text>Ka siwaju</text>');
  });

  it('RSS and JSON Feed: the item content', async () => {
    const ctx = { config, sizes: new Map() };
    expect(Buffer.from((await exportRss([article], ctx)).bytes).toString('utf8')).toContain('<h2>Ka siwaju</h2>');
    expect(Buffer.from((await exportJsonFeed([article], ctx)).bytes).toString('utf8')).toContain('<h2>Ka siwaju</h2>');
  });
});
