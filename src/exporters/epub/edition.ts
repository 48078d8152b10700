// The edition as one EPUB (issue 22): to be written.
import type { EditionExporter } from '../../model/output.js';

export const exportEditionEpub: EditionExporter = () => {
  throw new Error('edition epub: not written yet');
};
