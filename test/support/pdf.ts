// Reading a PDF's bytes back in tests.
import { expect } from 'vitest';

/** The XMP packet, which pdfkit writes uncompressed. */
export function xmp(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  const start = text.indexOf('<?xpacket begin');
  const end = text.indexOf('<?xpacket end="w"?>');
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, end + '<?xpacket end="w"?>'.length);
}
