// The pdfkit patches in src/exporters/pdf/pdfkit.ts: each one still needed (raw pdfkit 0.20.2 misbehaves) and
// still applied (the internals it reaches have the shape it expects). When an upgrade fixes pdfkit, the
// "raw" test fails: drop the patch with it.
import { deflateSync, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { exportPdf } from '../../../src/exporters/pdf.js';
import { collectOutput, embedFont, fastStreams, pointOutlineAt, replaceXmpBody, usePageFont } from '../../../src/patches/pdfkit.js';
import { StructureTree, type Tag } from '../../../src/exporters/pdf/structure.js';
import { openFace } from '../../../src/typeset/faces.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { sampleArticle } from '../../support/article.js';

type Doc = InstanceType<typeof PDFDocument>;

/** Everything the document wrote, once it has ended (pdfkit writes synchronously into its stream). */
function bytesOf(doc: Doc): Buffer {
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('stream compression level', () => {
  // Page content of the kind Galley writes: varied enough that zlib's levels give different bytes.
  const content = Array.from({ length: 3000 }, (_, i) => `1 0 0 1 ${72 + (i % 37)} ${(i * 7919) % 700} Tm [<00${(i % 89).toString(16).padStart(2, '0')}> ${i % 13}] TJ`).join('\n');
  const streamOf = (doc: Doc): Buffer => {
    const ref = (doc as unknown as { ref(data: object): { end(chunk: string): void } }).ref({});
    ref.end(content);
    return bytesOf(doc);
  };
  // pdfkit appends a newline to a string chunk.
  const level = (n: number): Buffer => deflateSync(Buffer.from(`${content}\n`, 'latin1'), { level: n });

  it('raw pdfkit 0.20.2 deflates at zlib’s default level, with no option for another', () => {
    expect(Buffer.compare(level(6), level(2))).not.toBe(0);
    const out = streamOf(new PDFDocument({ compress: true }));
    expect(out.includes(level(6))).toBe(true);
    expect(out.includes(level(2))).toBe(false);
  });

  it('fastStreams writes the same stream at level 2, still marked FlateDecode', () => {
    const doc = new PDFDocument({ compress: true });
    fastStreams(doc);
    const out = streamOf(doc);
    const at = out.indexOf(level(2));
    expect(at).toBeGreaterThan(0);
    const header = out.subarray(0, at).toString('latin1');
    expect(header.slice(header.lastIndexOf(' obj'))).toMatch(/^ obj\s*<<[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\s*$/);
    expect(inflateSync(level(2)).toString('latin1')).toBe(`${content}\n`);
  });

  it('fastStreams keeps text and bytes written piece by piece in their order, as pdfkit joins them', () => {
    const pieces = (doc: Doc): Buffer => {
      const ref = (doc as unknown as { ref(data: object): { write(chunk: string | Uint8Array): void; end(): void } }).ref({});
      content.split('\n').forEach((line, i) => ref.write(i % 100 === 0 ? Buffer.from(`${line}\n`, 'latin1') : line));
      ref.end();
      return bytesOf(doc);
    };
    const options = { compress: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } };
    const raw = new PDFDocument(options);
    const patched = new PDFDocument(options);
    fastStreams(patched);
    expect(Buffer.compare(pieces(patched), pieces(raw))).toBe(0);
  });
});

describe('document output', () => {
  // Fixed dates: pdfkit hashes the trailer /ID from them.
  const doc = (): Doc => {
    const d = new PDFDocument({ pdfVersion: '1.7', tagged: true, info: { Title: 'Ünïcode (title)', CreationDate: new Date(0), ModDate: new Date(0) } });
    d.addContent('BT /F1 12 Tf (x) Tj ET');
    d.addPage().addContent('0 0 m 10 10 l S');
    return d;
  };

  it('collectOutput gives the bytes pdfkit’s own stream gives, header, streams and xref included', () => {
    const expected = bytesOf(doc());
    const patched = doc();
    const output = collectOutput(patched);
    patched.end();
    const bytes = Buffer.from(output());
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    expect(bytes.length).toBe(expected.length);
    expect(Buffer.compare(bytes, expected)).toBe(0);
    // Nothing went through the stream.
    expect(patched.read()).toBeNull();
  });
});

describe('structure tree', () => {
  // One tree built twice, through pdfkit's own structure API and through StructureTree (which writes the
  // elements itself, relying on pdfkit's numbering, writer, parent tree and endMarkings): the same bytes.
  interface Builder {
    root: Tag | PDFKit.PDFStructureElement;
    element(parent: never, type: string, actual?: string): never;
    mark(tag: string): never;
    add(element: never, content: never): void;
    end(element: never): void;
  }
  const tagged = (): Doc => new PDFDocument({ pdfVersion: '1.7', tagged: true, bufferPages: true, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const pdfkitsOwn = (doc: Doc): Builder => {
    const root = doc.struct('Document');
    doc.addStructure(root);
    return {
      root,
      element: (parent, type, actual) => {
        const element = doc.struct(type, actual === undefined ? {} : { actual });
        (parent as PDFKit.PDFStructureElement).add(element);
        return element as never;
      },
      mark: (tag) => doc.markStructureContent(tag) as never,
      add: (element, content) => void (element as PDFKit.PDFStructureElement).add(content),
      end: (element) => (element as PDFKit.PDFStructureElement).end(),
    };
  };
  const ours = (doc: Doc): Builder => {
    const tree = new StructureTree(doc, 'Document');
    return {
      root: tree.root,
      element: (parent, type, actual) => tree.element(parent, type, actual ?? null) as never,
      mark: (tag) => tree.mark(tag) as never,
      add: (element, content) => tree.add(element, content),
      end: (element) => tree.end(element),
    };
  };
  const build = (make: (doc: Doc) => Builder): Buffer => {
    const doc = tagged();
    const b = make(doc);
    const marked = (element: never, tag: string): void => {
      const content = b.mark(tag);
      doc.addContent('BT ET');
      doc.endMarkedContent();
      b.add(element, content);
    };
    marked(b.element(b.root as never, 'H1', 'Überschrift (eins)'), 'H1');
    const sect = b.element(b.root as never, 'Sect');
    b.element(b.root as never, 'Sect'); // empty
    const list = b.element(sect, 'L');
    for (let i = 0; i < 3; i++) {
      const li = b.element(list, 'LI');
      const label = b.element(li, 'Lbl');
      const body = b.element(li, 'LBody', i === 2 ? 'ध्यान' : undefined);
      marked(label, 'Lbl');
      b.end(label); // written here, in the middle of the document
      marked(body, 'LBody');
      if (i > 0) {
        doc.addPage();
        marked(body, 'LBody'); // the rest of the item on the next page: a marked-content reference
      }
    }
    return bytesOf(doc);
  };

  it('writes the bytes pdfkit’s own structure elements write', () => {
    const expected = build(pdfkitsOwn);
    expect(expected.toString('latin1')).toMatch(/\/Type \/MCR/);
    expect(Buffer.compare(build(ours), expected)).toBe(0);
  });
});

describe('XMP body', () => {
  it('raw pdfkit 0.20.2 writes the title into the XMP unescaped', () => {
    const out = bytesOf(new PDFDocument({ pdfVersion: '1.7', info: { Title: 'Salt & <Pepper>' } }));
    expect(out.toString('utf8')).toContain('<rdf:li xml:lang="x-default">Salt & <Pepper></rdf:li>');
  });

  it('replaceXmpBody writes the body it is given in place of pdfkit’s', () => {
    const doc = new PDFDocument({ pdfVersion: '1.7', info: { Title: 'Salt & <Pepper>' } });
    replaceXmpBody(doc, '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Salt &amp; &lt;Pepper&gt;</dc:title></rdf:Description>');
    // The packet around the body is still pdfkit's.
    const xmp = /<x:xmpmeta[^]*<\/x:xmpmeta>/.exec(bytesOf(doc).toString('utf8'))?.[0] ?? '';
    expect(xmp).toContain('<dc:title>Salt &amp; &lt;Pepper&gt;</dc:title>');
    expect(xmp).not.toContain('Salt & <Pepper>');
  });

  it('an article’s PDF has its escaped title in the XMP', async () => {
    const xmp = Buffer.from((await exportPdf(sampleArticle(), { config: DEFAULT_CONFIG })).bytes).toString('utf8');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Sample “article” &amp; &lt;friends&gt;</rdf:li>');
    expect(xmp).toContain('<xmp:ModifyDate>2024-06-19T00:00:00Z</xmp:ModifyDate>');
  });
});

describe('embedded font', () => {
  it('raw pdfkit 0.20.2 hands back the document from font(), not the font', () => {
    const doc = new PDFDocument();
    expect(doc.font(openFace('regular') as never, 'regular')).toBe(doc);
  });

  it('embedFont reaches the EmbeddedFont Canvas draws with: id, scale, widths, ToUnicode, subset, ref', () => {
    const doc = new PDFDocument();
    const font = embedFont(doc, openFace('regular'), 'regular');
    expect(font.id).toMatch(/^F\d+$/);
    expect(font.scale).toBeGreaterThan(0);
    expect(Array.isArray(font.widths) && Array.isArray(font.unicode) && Array.isArray(font.subset.glyphs)).toBe(true);
    const gid = font.subset.includeGlyph(openFace('regular').glyphForCodePoint(0x45).id);
    expect(font.subset.glyphs[gid]).toBe(openFace('regular').glyphForCodePoint(0x45).id);
    font.widths[gid] = 650;
    font.unicode[gid] = [0x45];
    usePageFont(doc, font);
    doc.addContent(`BT /${font.id} 12 Tf <${gid.toString(16).padStart(4, '0')}> Tj ET`);
    const out = bytesOf(doc).toString('latin1');
    // The page names the font in its resources, and the font was written with the glyph's width.
    expect(out).toMatch(new RegExp(`/Font <<\\s*/${font.id} \\d+ 0 R`));
    expect(out).toMatch(new RegExp(`/W \\[0 \\[[^\\]]*650`));
  });
});

describe('outline destination', () => {
  it('raw pdfkit 0.20.2 puts an XYZ destination’s left edge at the page’s right edge', () => {
    const doc = new PDFDocument({ size: 'A4' });
    const item = doc.outline.addItem('Heading', { fit: false, top: 100 } as never);
    const dest = (item as unknown as { outlineData: { Dest: unknown[] } }).outlineData.Dest;
    expect(dest.slice(1)).toEqual(['XYZ', doc.page.width, doc.page.height - 100, 0]);
  });

  it('pointOutlineAt keeps the reader’s left and zoom and scrolls to the heading', () => {
    const doc = new PDFDocument({ size: 'A4' });
    pointOutlineAt(doc, doc.outline.addItem('Heading'), 100);
    expect(bytesOf(doc).toString('latin1')).toMatch(new RegExp(`/Dest \\[\\d+ 0 R /XYZ null ${Math.round(doc.page.height - 100)} null\\]`));
  });
});
