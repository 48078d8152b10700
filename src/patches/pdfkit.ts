// pdfkit, used the one way Galley uses it: every reach into pdfkit's private internals lives in this module.
// Pinned to pdfkit 0.20.2 in package.json; test/unit/patches/pdfkit.test.ts fails when a patch stops being needed or the
// internal shape it relies on changes.
import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** An indirect object as pdfkit 0.20 keeps it until it is written (lib/reference.js). */
interface StreamRef {
  compress: boolean;
  buffer: Uint8Array[];
  data: { Length?: number; Filter?: string };
  uncompressedLength: number;
  /** Text written to the stream and not yet turned into bytes. */
  text?: string[];
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

// Level 2 takes much less time than zlib's default 6 for a few per cent more bytes: fonts and page
// content compress about as well either way.
const DEFLATE = { level: 2 };

let reference: { write(this: StreamRef, chunk: Uint8Array): void; finalize(this: StreamRef): void } | undefined;

/** Turn a stream's pending text into bytes, in one piece. */
function settleText(ref: StreamRef): void {
  if (ref.text === undefined) return;
  // pdfkit's fromBinaryString keeps each character's low byte, as latin1 does.
  ref.buffer.push(Buffer.from(ref.text.join(''), 'latin1'));
  ref.text = undefined;
}

/** PDFReference.write, keeping text as text; the bookkeeping is pdfkit's. */
function writeKeepingText(this: StreamRef, chunk: string | Uint8Array): void {
  if (chunk instanceof Uint8Array) {
    settleText(this);
    reference!.write.call(this, chunk);
    return;
  }
  const line = `${chunk}\n`;
  (this.text ??= []).push(line);
  this.uncompressedLength += line.length;
  this.data.Length = (this.data.Length ?? 0) + line.length;
  if (this.compress) this.data.Filter = 'FlateDecode';
}

/** PDFReference.finalize, with the stream compressed at DEFLATE first (pdfkit has already set /Filter). */
function finalizeFast(this: StreamRef): void {
  settleText(this);
  if (this.compress && this.buffer.length > 0) {
    this.buffer = [deflateSync(Buffer.concat(this.buffer), DEFLATE)];
    this.compress = false;
  }
  reference!.finalize.call(this);
}

/**
 * Streams written faster, to the same bytes. Two changes to every object the document makes:
 * - Deflate at a faster zlib level. pdfkit has a `compress` switch but no level: PDFReference.finalize calls
 *   `zlib.deflateSync(data)` with zlib's default, and no upstream issue or PR asks for a level
 *   (https://github.com/foliojs/pdfkit/blob/master/lib/reference.js; the closest report of compression
 *   cost is https://github.com/foliojs/pdfkit/issues/264).
 * - Keep text written to a stream as text until the stream is written (or `settlePage` is called).
 *   PDFReference.write turns every string into a Uint8Array of its own, and pages stay open to the end of
 *   the document (their footers say "n / N"): a long document held millions of small arrays, and the
 *   garbage collector copied them over and over.
 */
export function fastStreams(doc: Doc): void {
  const internals = doc as unknown as { ref(data?: object): StreamRef };
  const ref = internals.ref.bind(doc);
  internals.ref = (data) => {
    const stream = ref(data);
    reference ??= Object.getPrototypeOf(stream) as typeof reference;
    stream.write = writeKeepingText;
    stream.finalize = finalizeFast;
    return stream;
  };
}

/** Turn the current page's content into one piece of bytes: call it when the page is full. */
export function settlePage(doc: Doc): void {
  const content = (doc as unknown as { page: { content: StreamRef } }).page.content;
  settleText(content);
  if (content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)];
}

/**
 * Collect what the document writes, and return a function that gives all of it once `doc.end()` has run.
 * pdfkit's `_write` pushes every piece of every object (its header line, its dictionary, `endobj`) into the
 * document's Readable stream as a Buffer of its own, and reading them back concatenates them all: for a
 * document of a few thousand pages and hundreds of thousands of tagged elements that stream traffic and
 * its garbage cost more than the layout. The document is a stream with no reader here (pdfkit writes
 * synchronously), so its pieces are kept as text and joined into bytes in large batches instead; `_offset`
 * is kept as pdfkit keeps it, for the cross-reference table. No upstream issue covers this; pdfkit's
 * `_write` is unchanged on master (https://github.com/foliojs/pdfkit/blob/master/lib/document.js).
 */
export function collectOutput(doc: Doc): () => Uint8Array {
  const internals = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  const parts: Uint8Array[] = [];
  // The constructor has already written the header into the stream.
  for (let chunk = doc.read() as Uint8Array | null; chunk !== null; chunk = doc.read() as Uint8Array | null) parts.push(chunk);
  let text: string[] = [];
  const flush = (): void => {
    if (text.length === 0) return;
    // pdfkit's fromBinaryString keeps each character's low byte, as latin1 does.
    parts.push(Buffer.from(text.join(''), 'latin1'));
    text = [];
  };
  internals._write = (data) => {
    if (data instanceof Uint8Array) {
      flush();
      parts.push(data);
      internals._offset += data.length;
      return;
    }
    const line = `${data}\n`;
    text.push(line);
    internals._offset += line.length;
    if (text.length >= 4096) flush();
  };
  return () => {
    // An object still waiting for its data (a PNG with alpha, which pdfkit splits with an asynchronous
    // inflate) is written after end() returns, in whatever order the inflates finish: never let such a
    // document out half written or in a varying order.
    if ((doc as unknown as { _waiting: number })._waiting !== 0) throw new Error('pdf: an image was still being embedded when the document ended');
    flush();
    return new Uint8Array(Buffer.concat(parts));
  };
}

/**
 * Write `xml` as the document's XMP body instead of pdfkit's. pdfkit's `_addInfo` (lib/mixins/metadata.js,
 * unchanged on master: https://github.com/foliojs/pdfkit/blob/master/lib/mixins/metadata.js) interpolates
 * Title, Author, Subject and Keywords into the XML unescaped, so an `&` in a headline makes the packet
 * malformed, and it writes no ModifyDate, keywords list or language. No upstream issue tracks it; the XMP
 * packet around the body (and pdfuaid:part) is still pdfkit's.
 */
export function replaceXmpBody(doc: Doc, xml: string): void {
  (doc as unknown as { _addInfo: () => void })._addInfo = () => doc.appendXML(xml);
}

/**
 * pdfkit 0.20's embedded TrueType font (lib/font/embedded.js), as far as Canvas draws with it: Galley shapes,
 * justifies and encodes glyphs itself, because pdfkit's text() places justified text word by word and
 * drops the spaces from the text layer, and shapes every word again in every document.
 */
export interface EmbeddedFont {
  id: string;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[]; includeGlyph(glyphId: number): number; encode(): Uint8Array };
  ref(): unknown;
}

/**
 * The document's embedded font for a fontkit Font, under `name`. `doc.font()` embeds it but hands back the
 * document, not the font: the one way to the EmbeddedFont (its subset, widths and ToUnicode table) is the
 * private `_font` it has just set. No public accessor exists or is asked for upstream.
 */
export function embedFont(doc: Doc, font: object, name: string): EmbeddedFont {
  doc.font(font as never, name);
  return (doc as unknown as { _font: EmbeddedFont })._font;
}

/**
 * Name `font` in the current page's resources, as pdfkit's own text() does through the private
 * `page.fonts` map (lib/page.js): text drawn with addContent() would otherwise name a font the page lacks.
 */
export function usePageFont(doc: Doc, font: EmbeddedFont): void {
  const fonts = (doc as unknown as { page: { fonts: Record<string, unknown> } }).page.fonts;
  fonts[font.id] ??= font.ref();
}

/**
 * Point an outline item at `top` (measured from the top of the current page), keeping the reader's zoom
 * and horizontal position. pdfkit 0.20's addItem({ fit: false, left, top }) (added in
 * https://github.com/foliojs/pdfkit/pull/1674) writes left as page width minus `left`, so a bookmark
 * scrolls to the right edge of the page, and cannot write null for "keep": set the destination itself.
 */
export function pointOutlineAt(doc: Doc, item: PDFKit.PDFOutline, top: number): void {
  const page = (doc as unknown as { page: { height: number; dictionary: unknown } }).page;
  (item as unknown as { outlineData: { Dest: unknown[] } }).outlineData.Dest = [page.dictionary, 'XYZ', null, Math.round(page.height - top), null];
}

/** What `structureWriter` gives structure.ts: pdfkit's object numbering and writing, without its objects. */
export interface StructureWriter {
  /** A reference class whose instances pdfkit writes as `id 0 R` wherever they appear in its objects. */
  Reference: new () => { toString(): string };
  /** The number of a new indirect object, reserved as doc.ref() reserves it. */
  reserve(): number;
  /** Write object `id` with `data` (a dictionary pdfkit serializes), as a ref's end() writes it. */
  write(id: number, data: object): void;
  /** The same, with the dictionary already serialized as pdfkit would. */
  writeSerialized(id: number, dictionary: string): void;
  /** The current page's slots in the parent tree, by marked-content id, and the page's dictionary. */
  pageParents(): { parents: unknown[]; page: object };
  /**
   * Make `root` a child of the StructTreeRoot, and call `finish` where pdfkit ends its own elements.
   * Gives the StructTreeRoot, the root element's parent.
   */
  attach(root: object, finish: () => void): object;
}

/**
 * pdfkit's tag tree, without one PDFStructureElement, PDFReference and PDFStructureContent per element:
 * those objects (and their arrays and closures) live until the document ends, and for a document of
 * hundreds of thousands of tagged elements the garbage collector spends much of the build on them.
 * structure.ts keeps one small object per element and writes each as pdfkit would have, with the same
 * object number, at the same point in the file: the same bytes. What it relies on (pdfkit 0.20,
 * lib/mixins/markings.js, lib/reference.js, lib/document.js): ref() numbers an object by pushing to
 * `_offsets` and counts it in `_waiting`; PDFReference.prototype.finalize writes any object that has
 * document, id, gen, data and buffer; references are instances of PDFAbstractReference (the base class of
 * `_root`); a page's parent-tree slots are `getStructParentTree().get(page.structParentTreeKey)`; and
 * endMarkings() writes the StructTreeRoot, then calls end() on each of `structChildren`. No upstream issue
 * tracks the cost; pdfkit's structure classes are unchanged on master.
 */
export function structureWriter(doc: Doc): StructureWriter {
  const internals = doc as unknown as {
    _offsets: unknown[];
    _waiting: number;
    _offset: number;
    _root: object;
    _write(data: string): void;
    _refEnd(ref: { id: number; offset: number }): void;
    page: { structParentTreeKey: number; dictionary: object };
    structChildren: { end(): void }[];
    getStructTreeRoot(): { data: { K?: unknown[] } };
    getStructParentTree(): { get(key: number): unknown[] };
  };
  const referenceProto = Object.getPrototypeOf(internals._root) as { finalize(this: object): void };
  const Reference = Object.getPrototypeOf(referenceProto).constructor as new () => { toString(): string };
  return {
    Reference,
    reserve: () => {
      internals._offsets.push(null);
      internals._waiting++;
      return internals._offsets.length;
    },
    write: (id, data) => referenceProto.finalize.call({ document: doc, id, gen: 0, data, buffer: [], compress: false }),
    writeSerialized: (id, dictionary) => {
      // PDFReference.finalize for an object with no stream and no encryption.
      const offset = internals._offset;
      internals._write(`${id} 0 obj`);
      internals._write(dictionary);
      internals._write('endobj');
      internals._refEnd({ id, offset });
    },
    pageParents: () => ({
      parents: internals.getStructParentTree().get(internals.page.structParentTreeKey),
      page: internals.page.dictionary,
    }),
    attach: (root, finish) => {
      const treeRoot = internals.getStructTreeRoot();
      (treeRoot.data.K ??= []).push(root);
      internals.structChildren.push({ end: finish });
      return treeRoot;
    },
  };
}

/**
 * A Link annotation over `rect` (from the top of the current page) that goes to page `target` (zero-based),
 * keeping the reader's zoom, registered in the structure parent tree as belonging to `element` (a Link
 * element of structure.ts), with `contents` as its description (PDF/UA). Gives the annotation and its page
 * for the element's object reference. pdfkit's link() numbers the annotation's /StructParent only for one of
 * its own PDFStructureElements, whose add() it calls (lib/mixins/annotations.js, lib/structure_element.js,
 * unchanged on master): the stand-in below does what that add() does, for an element pdfkit never made.
 */
export function linkToPage(doc: Doc, rect: { x: number; y: number; width: number; height: number }, target: number, element: object,
  contents: string): { annotation: object; page: object } {
  const internals = doc as unknown as {
    page: { dictionary: object };
    createStructParentTreeNextKey(): number;
    getStructParentTree(): { add(key: number, value: unknown): void };
  };
  let annotation: object | null = null;
  const structParent = {
    add: (ref: { annotationRef: { data: { StructParent?: number } } }) => {
      const key = internals.createStructParentTreeNextKey();
      ref.annotationRef.data.StructParent = key;
      internals.getStructParentTree().add(key, element);
      annotation = ref.annotationRef;
    },
  };
  doc.link(rect.x, rect.y, rect.width, rect.height, target as never, { structParent, Contents: new String(contents) } as never);
  if (annotation === null) throw new Error('pdf: pdfkit did not register the link annotation with its structure element');
  return { annotation, page: internals.page.dictionary };
}
