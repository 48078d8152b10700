// Worker-thread entry for the piscina pool: renders one article in this thread's own copy of the exporters.
import type { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import { renderArticle } from './render-article.js';
import type { RenderedArticle } from './render-article.js';

export interface RenderTask {
  article: Article;
  formats: string[];
  config: SiteConfig;
}

// The result is structured-cloned back: ~100 KB an article, far cheaper than rendering it.
export default function render(task: RenderTask): Promise<RenderedArticle> {
  return renderArticle(task.article, task.formats, task.config);
}
