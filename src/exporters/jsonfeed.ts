// Placeholder until the JSON Feed exporter lands.
import type { CollectionRender } from './types.js';

export const exportJsonFeed: CollectionRender = () => {
  throw new Error('the jsonfeed exporter is not written yet');
};
