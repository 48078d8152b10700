// What the EPUB writer could not carry over, as warnings: glyphs missing from the cover, characters XML forbids.
import type { Article } from '../../model/article.js';
import { codePointLabel } from '../../model/diagnostic.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { articleTexts, xmlLossDiagnostics } from '../../markup/xml-loss.js';

/** One warning listing the headline characters that no cover font could draw. */
export function coverDiagnostics(article: Article, missing: readonly number[]): Diagnostic[] {
  return missingGlyphDiagnostics(article.source.path, missing, article.title);
}

/** The same warning about text of the cover's own (an edition's name and dateline): of `file`, quoting `text`. */
export function missingGlyphDiagnostics(file: string, missing: readonly number[], text: string): Diagnostic[] {
  if (missing.length === 0) return [];
  const chars = missing.map((cp) => `"${String.fromCodePoint(cp)}" (${codePointLabel(cp)})`);
  return [warning(file, 'epub/cover-missing-glyph', `no cover font has a glyph for ${chars.join(', ')}: left out of the cover image`, text)];
}

/** Characters XML forbids, dropped from the EPUB: one warning per text that held any. */
export function invalidCharacterDiagnostics(article: Article, siteTitle: string): Diagnostic[] {
  return xmlLossDiagnostics(article, [siteTitle, ...articleTexts(article)], 'epub/invalid-character', 'the EPUB');
}

function warning(file: string, rule: string, message: string, excerpt: string): Diagnostic {
  return { severity: 'warning', file, line: null, column: null, rule, message, excerpt };
}
