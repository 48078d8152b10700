// What the EPUB writer could not carry over, as warnings: glyphs missing from the cover, characters XML forbids.
import type { Article } from '../../model/article.js';
import { codePointLabel } from '../../model/diagnostic.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { articleTexts, xmlLossDiagnostics } from '../../markup/xml-loss.js';

/** One warning listing the headline characters that no cover font could draw. */
export function coverDiagnostics(article: Article, missing: readonly number[]): Diagnostic[] {
  if (missing.length === 0) return [];
  const chars = missing.map((cp) => `"${String.fromCodePoint(cp)}" (${codePointLabel(cp)})`);
  return [warning(article, 'epub/cover-missing-glyph', `no cover font has a glyph for ${chars.join(', ')}: left out of the cover image`, article.title)];
}

/** Characters XML forbids, dropped from the EPUB: one warning per text that held any. */
export function invalidCharacterDiagnostics(article: Article, siteTitle: string): Diagnostic[] {
  return xmlLossDiagnostics(article, [siteTitle, ...articleTexts(article)], 'epub/invalid-character', 'the EPUB');
}

function warning(article: Article, rule: string, message: string, excerpt: string): Diagnostic {
  return { severity: 'warning', file: article.source.path, line: null, column: null, rule, message, excerpt };
}
