// Convert an Article to its JSON export: the model itself, checked by the schema before it leaves.
import { Article } from '../model/article.js';
import type { ArticleExporter } from '../model/output.js';

/** 2-space indented, keys in schema order, trailing newline. */
export const exportJson: ArticleExporter = (article) => {
  // parse() both validates and rebuilds the object in schema key order.
  const checked = Article.parse(article);
  return { bytes: new TextEncoder().encode(JSON.stringify(checked, null, 2) + '\n'), diagnostics: [] };
};
