// Galley's typefaces, named once: every format that sets type (the PDF, the EPUB cover) draws from this list.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The faces: three cuts of the serif, then the fallbacks for what the serif lacks. */
export type FaceName = 'regular' | 'bold' | 'italic' | 'hangul' | 'emoji';

const FILES: Record<FaceName, string> = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  // 6 MB: open it only when some text needs a glyph the serif lacks.
  hangul: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

/** The TTF file of a face, from its npm package: never a path written into the code. */
export function fontFile(name: FaceName): string {
  return require.resolve(FILES[name]);
}
