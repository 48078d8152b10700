// What the EPUB writer could not carry over, as warnings: glyphs missing from the cover, characters XML forbids.
import type { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { xmlSafe } from '../../render/xml.js';

/** One warning listing the headline characters that no cover font could draw. */
export function coverDiagnostics(article: Article, missing: readonly number[]): Diagnostic[] {
  if (missing.length === 0) return [];
  const chars = missing.map((cp) => `"${String.fromCodePoint(cp)}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`);
  return [warning(article, 'epub/cover-missing-glyph', `no cover font has a glyph for ${chars.join(', ')}: left out of the cover image`, article.title)];
}

/**
 * One warning per text that holds characters no XML document may contain; the serializer drops them.
 * The normalizer removes them first, so this only fires for a model built some other way.
 */
export function invalidCharacterDiagnostics(article: Article, siteTitle: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const text of [siteTitle, ...articleTexts(article)]) {
    const safe = xmlSafe(text);
    if (safe === text) continue;
    const count = [...text].length - [...safe].length;
    diagnostics.push(warning(article, 'epub/invalid-character', `${count} character${count === 1 ? '' : 's'} XML cannot hold dropped from the EPUB`, safe));
  }
  return diagnostics;
}

function warning(article: Article, rule: string, message: string, excerpt: string): Diagnostic {
  return { severity: 'warning', file: article.source.path, line: null, column: null, rule, message, excerpt };
}

function* articleTexts(article: Article): Generator<string> {
  yield article.title;
  yield* article.authors;
  yield* article.tags;
  yield article.summary;
  for (const section of article.sections) {
    if (section.kicker !== null) yield section.kicker;
    if (section.heading !== null) yield section.heading;
    for (const block of section.blocks) {
      if (block.type === 'paragraph') yield block.text;
      else {
        if (block.title !== null) yield block.title;
        yield* block.items;
      }
    }
  }
  for (const link of article.related) yield link.text;
}
