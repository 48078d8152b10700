// Warnings for text an XML writer had to drop: shared by every XML format, so each reports loss the same way.
import type { Article } from '../model/article.js';
import type { Picture } from '../model/picture.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { xmlSafe } from './xml.js';

/** Every text of an article that reaches a reader, in reading order. */
export function* articleTexts(article: Article): Generator<string> {
  yield article.title;
  yield* article.authors;
  yield* article.tags;
  yield article.summary;
  for (const section of article.sections) {
    if (section.kicker !== null) yield section.kicker;
    if (section.heading !== null) yield section.heading;
    for (const block of section.blocks) {
      if (block.type === 'paragraph') yield block.text;
      else if (block.type === 'figure') yield* pictureTexts(block.image);
      else {
        if (block.title !== null) yield block.title;
        yield* block.items;
      }
    }
  }
  for (const link of article.related) yield link.text;
  if (article.image !== undefined) yield* pictureTexts(article.image);
}

function* pictureTexts(picture: Picture): Generator<string> {
  yield picture.alt;
  if (picture.caption !== null) yield picture.caption;
  if (picture.credit !== null) yield picture.credit;
}

/**
 * One warning per text that holds characters no XML document may contain (the writer drops them with
 * xmlSafe). The normalizer removes them first, so this only fires for a model built some other way.
 */
export function xmlLossDiagnostics(article: Article, texts: Iterable<string>, rule: string, target: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const text of texts) {
    const safe = xmlSafe(text);
    if (safe === text) continue;
    const count = [...text].length - [...safe].length;
    diagnostics.push({
      severity: 'warning', file: article.source.path, line: null, column: null, rule,
      message: `${count} character${count === 1 ? '' : 's'} XML cannot hold dropped from ${target}`,
      excerpt: safe,
    });
  }
  return diagnostics;
}
