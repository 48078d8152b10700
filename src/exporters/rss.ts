// Placeholder until the RSS exporter lands.
import type { CollectionRender } from './types.js';

export const exportRss: CollectionRender = () => {
  throw new Error('the rss exporter is not written yet');
};
