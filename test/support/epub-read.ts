// Reading an EPUB back in tests: its zip's own list of names, and its package, nav and NCX as trees, whoever
// wrote them (Galley, or calibre converting a book back). Enough XML for well-formed files, no more.

/** An element: its name, attributes and children (elements and text, entities decoded). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

/** The document's root element; throws on a tag closed out of order. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  const tokens = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(tokens)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[6] !== undefined) top.children.push(decode(m[6]));
    else if (m[3] !== undefined) {
      if (m[2] === '/') {
        if (top.name !== m[3]) throw new Error(`</${m[3]}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of m[4]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3]!);
      const element: XmlElement = { name: m[3], attrs, children: [] };
      top.children.push(element);
      if (m[5] !== '/') stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

/** The element's child elements, of `name` if given (the local name: `dc:title` matches `title` too). */
export function elements(parent: XmlElement, name?: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name || c.name.endsWith(`:${name}`)));
}

/** Every element of `name` under `parent`, in document order. */
export function descendants(parent: XmlElement, name: string): XmlElement[] {
  return elements(parent).flatMap((e) => [...(e.name === name || e.name.endsWith(`:${name}`) ? [e] : []), ...descendants(e, name)]);
}

/** The element's text, its descendants' included. */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** An entry of a table of contents: its label, its target, its playOrder (NCX), its language (nav), and those under it. */
export interface TocEntry {
  label: string;
  href: string;
  order?: number;
  lang?: string;
  children: TocEntry[];
}

/** The NCX's navMap as a tree. */
export function ncxTree(ncx: string): TocEntry[] {
  const point = (p: XmlElement): TocEntry => ({
    label: textOf(descendants(elements(p, 'navLabel')[0]!, 'text')[0]!).trim(),
    href: elements(p, 'content')[0]!.attrs.src!,
    order: Number(p.attrs.playOrder),
    children: elements(p, 'navPoint').map(point),
  });
  return elements(descendants(parseXml(ncx), 'navMap')[0]!, 'navPoint').map(point);
}

/** The nav document's table of contents (the nav of epub:type toc) as a tree. */
export function navTree(nav: string): TocEntry[] {
  const toc = descendants(parseXml(nav), 'nav').find((n) => n.attrs['epub:type'] === 'toc');
  if (toc === undefined) throw new Error('no toc nav');
  const item = (li: XmlElement): TocEntry => {
    const a = elements(li, 'a')[0]!;
    const list = elements(li, 'ol')[0];
    return { label: textOf(a), href: a.attrs.href!, ...(a.attrs.lang === undefined ? {} : { lang: a.attrs.lang }), children: list === undefined ? [] : elements(list, 'li').map(item) };
  };
  return elements(elements(toc, 'ol')[0]!, 'li').map(item);
}

/** Every entry of a tree, each before those under it. */
export function flatten(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((e) => [e, ...flatten(e.children)]);
}

/** The labels of a tree: each entry as [label, its children's labels]. */
export function labels(entries: readonly TocEntry[]): [string, string[]][] {
  return entries.map((e) => [e.label, e.children.map((c) => c.label)]);
}

export interface Package {
  root: XmlElement;
  /** Each metadata element as [name, text, attributes]. */
  metadata: [string, string, Record<string, string>][];
  /** id to href. */
  manifest: Map<string, { href: string; type: string; properties?: string }>;
  /** The hrefs the spine reads, in order. */
  spine: string[];
  spineAttrs: Record<string, string>;
}

export function readPackage(opf: string): Package {
  const root = elements(parseXml(opf), 'package')[0]!;
  const manifest = new Map(descendants(root, 'item').map((i) => [i.attrs.id!, { href: i.attrs.href!, type: i.attrs['media-type']!, ...(i.attrs.properties === undefined ? {} : { properties: i.attrs.properties }) }]));
  const spine = descendants(root, 'spine')[0]!;
  return {
    root,
    metadata: elements(descendants(root, 'metadata')[0]!).map((m) => [m.name, textOf(m).trim(), m.attrs]),
    manifest,
    spine: elements(spine, 'itemref').map((r) => manifest.get(r.attrs.idref!)!.href),
    spineAttrs: spine.attrs,
  };
}

/** The names in a zip's central directory, in its order, repeats kept (a name stored twice shows twice). */
export function zipNames(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`no central directory header at ${at}`);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
