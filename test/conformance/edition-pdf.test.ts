// The edition's PDF read back by qpdf, poppler and mutool: check-out's PDF checks on it, the contents' page
// numbers and links against the pages the articles really start on, the outline section › article, the
// running heads, every paragraph of every article in the text, the tags' languages, and reproducible bytes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { exportEditionPdf } from '../../src/exporters/pdf/edition.js';
import type { Article } from '../../src/model/article.js';
import { SiteConfig } from '../../src/model/config.js';
import { editionArticles, type Edition } from '../../src/model/edition.js';
import type { ExportOutput } from '../../src/model/output.js';
import { sampleEdition, RTL_EDITION, WORLD_EDITION } from '../support/edition.js';
import { articleWithPictures, largeEdition, withLeadArticle } from '../support/edition-articles.js';
import { xmp } from '../support/pdf.js';
import { articleTexts, bodyText, byLetters, formOf, links, outline, pageCount, pageText, printedNumber, qpdfJson, squash } from '../support/pdf-read.js';
import { describeWithTools, run } from '../support/tools.js';
import { siteMessages } from '../../src/messages/site.js';
import { languageDirection } from '../../src/typeset/direction.js';

const rtl = (c: { edition: { language: string } }) => languageDirection(c.edition.language) === 'rtl';

const dir = mkdtempSync(join(tmpdir(), 'galley-edition-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example' });

interface Case {
  edition: Edition;
  config: SiteConfig;
  pictures: Record<string, Uint8Array>;
  out: ExportOutput;
  path: string;
}

async function make(name: string, edition: Edition, config: SiteConfig, pictures: Record<string, Uint8Array> = {}): Promise<Case> {
  const out = await exportEditionPdf(edition, { config, pictures });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, out.bytes);
  return { edition, config, pictures, out, path };
}

describeWithTools(['qpdf', 'pdffonts', 'pdfinfo', 'pdftotext', 'pdfimages', 'mutool'], 'the edition PDF read back', () => {
  // Each test reads four files, one of them 50 articles long, back with a command per page.
  vi.setConfig({ testTimeout: 60_000 });
  const cases: Record<'world' | 'rtl' | 'large' | 'pictures', Case> = {} as never;
  let launch: Article;

  beforeAll(async () => {
    const ar = SiteConfig.parse({ ...CONFIG, language: 'ar' });
    cases.world = await make('world', sampleEdition(WORLD_EDITION), CONFIG);
    cases.rtl = await make('rtl', sampleEdition(RTL_EDITION, { config: { language: 'ar' } }), ar);
    cases.large = await make('large', largeEdition(), CONFIG);
    const { article, pictures } = await articleWithPictures('test/fixtures/pictures/launch.txt', CONFIG, '2024-11-18T21:00:00.000Z', ['Science']);
    launch = article;
    cases.pictures = await make('pictures', withLeadArticle(sampleEdition(WORLD_EDITION), article, 'Science'), CONFIG, pictures);
  }, 120_000);

  const all = () => Object.entries(cases);

  it("passes check-out's file checks: qpdf --check, every font embedded, Title, Pages, Tagged", () => {
    for (const [name, c] of all()) {
      expect(run('qpdf', ['--check', c.path]), name).toContain('No syntax or stream encoding errors found');
      const fonts = run('pdffonts', [c.path]).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/));
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const f of fonts) expect(f.at(-5), `${name}: ${f[0]}`).toBe('yes');
      const info = run('pdfinfo', ['-enc', 'UTF-8', c.path]);
      expect(info, name).toMatch(new RegExp(`^Title:\\s+${c.edition.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      expect(info, name).toMatch(/^Tagged:\s+yes$/m);
      // The front page, the contents and at least a page per article.
      expect(pageCount(c.path), name).toBeGreaterThanOrEqual(2 + editionArticles(c.edition).length);
      // poppler complains of unbalanced marked content on stderr, which run() does not show: read it here.
      const stderr = run('sh', ['-c', `pdftotext "${c.path}" - 2>&1 >/dev/null`]);
      expect(stderr, name).toBe('');
    }
  });

  it('lists every article in the contents with the page it really starts on, as a tagged link to that page', () => {
    for (const [name, c] of all()) {
      const articles = editionArticles(c.edition);
      const pages = pageCount(c.path);
      // The contents follow the front page; the front page's headlines link too, so keep to the contents'.
      const contents = links(c.path).filter((l) => l.on >= 2 && l.to > l.on);
      expect(contents.map((l) => l.contents), name).toEqual(articles.map((a) => a.title));
      const rtl = c.edition.language === 'ar';
      contents.forEach((link, i) => {
        const article = articles[i]!;
        expect(link.structParent, `${name}: ${article.slug}`).toEqual(expect.any(Number));
        expect(printedNumber(c.path, link.on, link.top, link.bottom, rtl), `${name}: the number printed for ${article.slug}`).toBe(link.to);
        expect(link.to).toBeLessThanOrEqual(pages);
        // The page it names starts with the running head (section and day), then the article's headline.
        const form = formOf(article, article.title);
        const section = c.edition.sections.find((s) => s.articles.includes(article))!.name;
        const at = form(pageText(c.path, link.to)).indexOf(form(article.title));
        expect(at, `${name}: page ${link.to} has ${article.slug}`).toBeGreaterThanOrEqual(0);
        expect(at, `${name}: page ${link.to} starts ${article.slug}`).toBeLessThanOrEqual(form(`${section} · ${c.edition.label}`).length);
        // A new page: the page before it ends another article, or the contents.
        if (i > 0) expect(contents[i - 1]!.to, name).toBeLessThan(link.to);
      });
    }
  });

  it('spreads a long contents over several pages, and still numbers every article right', () => {
    const c = cases.large;
    const contents = links(c.path).filter((l) => l.on >= 2 && l.to > l.on);
    expect(contents).toHaveLength(50);
    expect(new Set(contents.map((l) => l.on)).size).toBeGreaterThanOrEqual(2);
    // The first article starts right after the last contents page.
    expect(contents[0]!.to).toBe(Math.max(...contents.map((l) => l.on)) + 1);
  });

  it('links the front page headlines to their articles', () => {
    for (const [name, c] of all()) {
      const front = links(c.path).filter((l) => l.on === 1);
      expect(front.length, name).toBeGreaterThanOrEqual(Math.min(3, c.edition.sections.length));
      const contents = links(c.path).filter((l) => l.on >= 2 && l.to > l.on);
      for (const l of front) expect(contents.filter((e) => e.contents === l.contents).map((e) => e.to), `${name}: ${l.contents}`).toContain(l.to);
    }
  });

  it('has an outline of the front page, the contents, and section › article › heading', () => {
    for (const [name, c] of all()) {
      const items = outline(c.path);
      const top = items.filter((i) => i.depth === 1);
      expect(top.map((i) => i.title), name).toEqual([c.config.title, siteMessages(c.config).text('edition.contents'), ...c.edition.sections.map((s) => s.name)]);
      expect(top.slice(0, 2).map((i) => i.page), name).toEqual([1, 2]);
      const starts = links(c.path).filter((l) => l.on >= 2 && l.to > l.on).map((l) => l.to);
      let k = 0;
      for (const section of c.edition.sections) {
        const at = items.findIndex((i) => i.depth === 1 && i.title === section.name);
        const next = items.findIndex((i, j) => j > at && i.depth === 1);
        const under = items.slice(at + 1, next === -1 ? undefined : next);
        const articles = under.filter((i) => i.depth === 2);
        expect(articles.map((i) => i.title), `${name}: ${section.name}`).toEqual(section.articles.map((a) => a.title));
        expect(items[at]!.page).toBe(starts[k]);
        for (const item of articles) expect(item.page, `${name}: ${item.title}`).toBe(starts[k++]);
        expect(under.every((i) => i.depth <= 3)).toBe(true);
      }
    }
    // Headings nest under their article.
    const world = outline(cases.world.path);
    const putin = world.findIndex((i) => i.title.startsWith('Putin seeks'));
    expect(world[putin + 1]).toMatchObject({ depth: 3, title: 'North Korean Soldiers Injured' });
  });

  it('heads every article page with its section and the day, and numbers every page after the front one', () => {
    for (const [name, c] of all()) {
      const starts = links(c.path).filter((l) => l.on >= 2 && l.to > l.on).map((l) => l.to);
      const pages = pageCount(c.path);
      const sectionOf = editionArticles(c.edition).map((a) => c.edition.sections.find((s) => s.articles.includes(a))!.name);
      starts.forEach((start, i) => {
        const end = starts[i + 1] ?? pages + 1;
        for (let p = start; p < end; p++) {
          const lines = pageText(c.path, p).split('\n').filter((l) => l.trim() !== '');
          // Word by word: poppler may give a right-to-left head's words on lines of their own.
          const head = byLetters(lines.slice(0, 3).join(' '));
          for (const word of `${sectionOf[i]!.toLocaleUpperCase(c.edition.language)} ${c.edition.label}`.split(/\s+/)) {
            expect(head, `${name}: page ${p}`).toContain(byLetters(word));
          }
          // A right-to-left site's folio reads "3 / 6" from the right: poppler gives it in visual order.
          expect(squash(lines.slice(-2).join(' ')), `${name}: page ${p}`).toContain(rtl(c) ? `${pages}/${p}` : `${p}/${pages}`);
        }
      });
      expect(squash(pageText(c.path, 2).trim().split('\n').at(-1)!)).toContain(rtl(c) ? `${pages}/2` : `2/${pages}`);
      // The front page has no folio.
      expect(squash(pageText(c.path, 1))).not.toContain(`1/${pages}`);
    }
  });

  it("keeps every paragraph and list item of every article in the text, as check-out's round trip reads it", () => {
    for (const [name, c] of all()) {
      const text = bodyText(c.path);
      const have = { squash: squash(text), letters: byLetters(text) };
      const lost: string[] = [];
      let count = 0;
      for (const article of editionArticles(c.edition)) {
        for (const t of articleTexts(article)) {
          if (squash(t) === '') continue;
          count++;
          const form = formOf(article, t);
          if (!(form === squash ? have.squash : have.letters).includes(form(t))) lost.push(`${article.slug}: ${t.slice(0, 60)}`);
        }
      }
      expect(count, name).toBeGreaterThan(10);
      expect(lost, name).toEqual([]);
    }
  });

  it("tags each article as an Art element in the article's language, the contents as TOC and TOCI, links as Link", () => {
    for (const [name, c] of all()) {
      const objects = Object.values(qpdfJson(c.path).qpdf[1]).map((o) => o.value).filter((v): v is Record<string, unknown> => v !== undefined && typeof v === 'object');
      const arts = objects.filter((v) => v['/S'] === '/Art').map((v) => String(v['/Lang']).replace(/^u:/, ''));
      expect(arts.sort(), name).toEqual(editionArticles(c.edition).map((a) => a.language).sort());
      const types = new Set(objects.map((v) => v['/S']));
      for (const t of ['/Document', '/TOC', '/TOCI', '/Link', '/H1', '/H3']) expect(types.has(t), `${name}: ${t}`).toBe(true);
      const root = objects.find((v) => v['/Type'] === '/Catalog')!;
      expect(String(root['/Lang']).replace(/^u:/, ''), name).toBe(c.edition.language);
    }
    // Each link annotation belongs to a Link element (its /StructParent in the parent tree), whose object
    // reference names it back: what patches/pdfkit.ts's linkToPage registers for pdfkit.
    for (const [name, c] of all()) {
      const objects = qpdfJson(c.path).qpdf[1];
      // A dictionary given inline or as a reference.
      const value = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? objects[`obj:${v}`]!.value! : v as Record<string, unknown>);
      const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
      const nums = (node: Record<string, unknown>): unknown[] =>
        (node['/Nums'] as unknown[] | undefined) ?? (node['/Kids'] as unknown[]).flatMap((k) => nums(value(k)));
      const flat = nums(value(value(catalog['/StructTreeRoot'])['/ParentTree']));
      const parents = new Map(flat.flatMap((v, i) => (i % 2 === 0 ? [[v as number, flat[i + 1]] as const] : [])));
      const annotations = Object.entries(objects).filter(([, o]) => o.value?.['/Subtype'] === '/Link');
      expect(annotations.length, name).toBe(links(c.path).length);
      for (const [ref, o] of annotations) {
        const element = value(parents.get(o.value!['/StructParent'] as number));
        expect(element['/S'], `${name}: ${ref}`).toBe('/Link');
        const kids = ([] as unknown[]).concat(element['/K']);
        expect(kids.some((k) => typeof k === 'object' && k !== null && (k as Record<string, unknown>)['/Obj'] === ref.replace(/^obj:/, '')), `${name}: ${ref}`).toBe(true);
      }
    }
    // Each article's text is tagged under its Art (not an artifact): the struct tree text holds its paragraphs.
    const tree = run('pdfinfo', ['-struct-text', cases.world.path]);
    expect(squash(tree)).toContain(squash(articleTexts(editionArticles(cases.world.edition)[0]!)[0]!));
  });

  it('says what it is in its metadata, dated by the edition, never the clock', () => {
    const c = cases.world;
    const packet = xmp(c.out.bytes);
    expect(packet).toContain(`<rdf:li xml:lang="x-default">${c.edition.title}</rdf:li>`);
    expect(packet).toContain('<xmp:CreateDate>2024-11-18T20:00:00Z</xmp:CreateDate>');
    expect(packet).toContain('<xmp:ModifyDate>2024-11-18T20:00:00Z</xmp:ModifyDate>');
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(packet).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
    const info = run('pdfinfo', ['-isodates', c.path]);
    expect(info).toMatch(/^CreationDate:\s+2024-11-18T20:00:00(Z|\+00)/m);
    expect(Buffer.from(c.out.bytes).toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('draws the cover article\'s lead picture on the front page, as a Figure with its text alternative', () => {
    const c = cases.pictures;
    const front = run('pdfimages', ['-list', '-f', '1', '-l', '1', c.path]).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(front).toHaveLength(1);
    expect(run('pdfimages', ['-list', '-f', '1', '-l', '1', cases.world.path]).split('\n').slice(2).filter((l) => l.trim() !== '')).toHaveLength(0);
    const objects = Object.values(qpdfJson(c.path).qpdf[1]).map((o) => o.value).filter((v): v is Record<string, unknown> => v !== undefined);
    const alts = objects.filter((v) => v['/S'] === '/Figure').map((v) => String(v['/Alt']).replace(/^u:/, ''));
    expect(alts).toContain(launch.image!.alt);
    expect(squash(pageText(c.path, 1))).toContain(squash(launch.image!.caption!));
  });

  it('gives the same bytes for the same edition, and other bytes for another', async () => {
    for (const [name, c] of all()) {
      const again = await exportEditionPdf(c.edition, { config: c.config, pictures: c.pictures });
      expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(c.out.bytes)), name).toBe(0);
    }
    const other = await exportEditionPdf({ ...cases.world.edition, number: 8 }, { config: CONFIG });
    expect(Buffer.compare(Buffer.from(other.bytes), Buffer.from(cases.world.out.bytes))).not.toBe(0);
  });

  it("reports a glyph no font has as a warning on the article's seed", async () => {
    const edition = sampleEdition(WORLD_EDITION);
    const article = edition.sections[1]!.articles[0]!;
    const lost = '\u{10000}';
    article.sections[0]!.blocks.push({ type: 'paragraph', text: `Linear B ${lost} here.` });
    const out = await exportEditionPdf(edition, { config: CONFIG });
    expect(out.diagnostics).toEqual([expect.objectContaining({ rule: 'pdf/missing-glyph', file: article.source.path, severity: 'warning', excerpt: lost })]);
    expect(cases.world.out.diagnostics).toEqual([]);
  });
});
