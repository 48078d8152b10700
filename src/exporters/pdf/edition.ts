// The edition as one PDF (issue 22): to be written.
import type { EditionExporter } from '../../model/output.js';

export const exportEditionPdf: EditionExporter = () => {
  throw new Error('edition pdf: not written yet');
};
