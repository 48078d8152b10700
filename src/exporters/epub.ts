// Placeholder until the epub exporter lands.
import type { ArticleRender } from './types.js';

export const exportEpub: ArticleRender = () => {
  throw new Error('the epub exporter is not written yet');
};
