// The PDF's logical structure (its tag tree): one small object per element, written as pdfkit writes its own.
import type PDFDocument from 'pdfkit';
import { structureWriter, type StructureWriter } from '../../patches/pdfkit.js';

type Doc = InstanceType<typeof PDFDocument>;

/** One structure element: a reference pdfkit can write anywhere, with its kids until it is written. */
export interface Tag {
  readonly id: number;
}

interface Element extends Tag {
  type: string;
  actual: string | null;
  /** The text alternative of a Figure (/Alt). */
  alt?: string;
  /** The element's language (/Lang), where it is not the document's. */
  lang?: string;
  parent: object;
  /** Child elements, annotations, and marked content as page dictionary and marked-content id, one after the other. */
  kids: (Element | Annotation | object | number)[] | null;
}

/** An annotation as a child of an element (an object reference, /OBJR): a Link's link. */
class Annotation {
  constructor(readonly annotation: object, readonly page: object) {}
}

/** Marked content begun on a page and not yet given to its element. */
export interface Content {
  readonly parents: unknown[];
  readonly page: object;
  readonly mcid: number;
}

/**
 * The tag tree of one document, as pdfkit's doc.struct() / add() / markStructureContent() build it: the
 * same object numbers, the same dictionaries, written at the same points (an element when it is ended and
 * has its parent, the rest, children first, when the document ends), so the bytes are pdfkit's.
 */
export class StructureTree {
  private readonly writer: StructureWriter;
  private readonly make: (type: string, actual: string | null, parent: object) => Element;
  private readonly isElement: (kid: unknown) => kid is Element;
  readonly root: Tag;

  constructor(private readonly doc: Doc, rootType: string) {
    const writer = structureWriter(doc);
    this.writer = writer;
    const Reference = writer.Reference;
    // The reference class pdfkit's serializer recognises, so an element can stand in any pdfkit object.
    class Node extends Reference implements Element {
      readonly id = writer.reserve();
      kids: (Element | object | number)[] | null = [];
      constructor(public type: string, public actual: string | null, public parent: object) {
        super();
      }
      override toString(): string {
        return `${this.id} 0 R`;
      }
    }
    this.make = (type, actual, parent) => new Node(type, actual, parent);
    this.isElement = (kid): kid is Element => kid instanceof Node;
    const root = this.make(rootType, null, {});
    root.parent = writer.attach(root, () => this.finish(root));
    this.root = root;
  }

  /** A child element of `parent`; with `actual`, the element's text is given as its ActualText. */
  element(parent: Tag, type: string, actual: string | null = null, alt?: string, lang?: string): Tag {
    const element = this.make(type, actual, parent);
    if (alt !== undefined) (element as Element).alt = alt;
    if (lang !== undefined) (element as Element).lang = lang;
    (parent as Element).kids!.push(element);
    return element;
  }

  /** Begin marked content tagged `tag` on the current page, for an element (see `add`). */
  mark(tag: string): Content {
    const { parents, page } = this.writer.pageParents();
    const mcid = parents.length;
    parents.push(null);
    this.doc.markContent(tag, { mcid } as never);
    return { parents, page, mcid };
  }

  /** Give ended marked content to its element. */
  add(element: Tag, content: Content): void {
    content.parents[content.mcid] = element;
    (element as Element).kids!.push(content.page, content.mcid);
  }

  /** Give an annotation (on page `page`, a page dictionary) to its element, as an object reference. */
  annotation(element: Tag, annotation: object, page: object): void {
    (element as Element).kids!.push(new Annotation(annotation, page));
  }

  /** End an element that will get no more content, and write it now, as pdfkit does. */
  end(element: Tag): void {
    this.write(element as Element);
  }

  private finish(root: Element): void {
    const visit = (element: Element): void => {
      for (const kid of element.kids ?? []) if (this.isElement(kid)) visit(kid);
      this.write(element);
    };
    visit(root);
  }

  private write(element: Element): void {
    const kids = element.kids;
    if (kids === null) return;
    element.kids = null;
    if (element.actual || element.alt !== undefined || element.lang !== undefined) {
      this.writeData(element, kids);
      return;
    }
    // What pdfkit's serializer writes for the dictionary below (writeData), without building it: most
    // elements have no text of their own, and a long document has hundreds of thousands of them.
    const k: string[] = [];
    let pg: object | undefined;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      if (this.isElement(kid)) {
        k.push(`${kid.id} 0 R`);
        continue;
      }
      if (kid instanceof Annotation) {
        k.push(`<<\n/Type /OBJR\n/Obj ${String(kid.annotation)}\n/Pg ${String(kid.page)}\n>>`);
        continue;
      }
      const mcid = kids[++i] as number;
      pg ??= kid as object;
      k.push(pg === kid ? String(mcid) : `<<\n/Type /MCR\n/Pg ${String(kid)}\n/MCID ${mcid}\n>>`);
    }
    const tail = pg === undefined ? '' : `\n/Pg ${String(pg)}`;
    this.writer.writeSerialized(element.id, `<<\n/S /${element.type}\n/P ${String(element.parent)}\n/K [${k.join(' ')}]${tail}\n>>`);
  }

  private writeData(element: Element, kids: (Element | Annotation | object | number)[]): void {
    // The keys in pdfkit's order: S, then ActualText at creation, P when added, K and Pg when written.
    const data: Record<string, unknown> = { S: element.type };
    if (element.lang !== undefined) data.Lang = new String(element.lang);
    if (element.actual) data.ActualText = new String(element.actual);
    if (element.alt !== undefined) data.Alt = new String(element.alt);
    data.P = element.parent;
    const k: unknown[] = [];
    data.K = k;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      if (this.isElement(kid)) {
        k.push(kid);
        continue;
      }
      if (kid instanceof Annotation) {
        k.push({ Type: 'OBJR', Obj: kid.annotation, Pg: kid.page });
        continue;
      }
      const mcid = kids[++i] as number;
      data.Pg ??= kid;
      k.push(data.Pg === kid ? mcid : { Type: 'MCR', Pg: kid, MCID: mcid });
    }
    this.writer.write(element.id, data);
  }
}
