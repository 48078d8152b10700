// Placeholder until the pdf exporter lands.
import type { ArticleRender } from './types.js';

export const exportPdf: ArticleRender = () => {
  throw new Error('the pdf exporter is not written yet');
};
