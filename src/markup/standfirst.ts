// The standfirst under the headline: the summary, unless it would only repeat the lead beneath it.

/**
 * The summary to show as a standfirst, or null where it is the first paragraph (or its cut-down start):
 * the seed format derives a missing summary that way, and printing the lead twice in a row reads as a mistake.
 */
export function standfirst(article: { summary: string; sections: { blocks: { type: string; text?: string }[] }[] }): string | null {
  const first = article.sections[0]?.blocks[0];
  if (first?.type !== 'paragraph' || first.text === undefined) return article.summary;
  const summary = article.summary.endsWith('\u2026') ? article.summary.slice(0, -1) : article.summary;
  return first.text.startsWith(summary) ? null : article.summary;
}
