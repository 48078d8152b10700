// One line of text in the order it is drawn: what the PDF's text and the EPUB cover's headline both set.
import { visualRuns } from './bidi.js';
import type { Direction } from './bidi.js';
import { splitRuns } from './faces.js';
import type { FaceName } from './fonts.js';

/** A run of one face and one direction, in the line's visual order. */
export interface VisualRun {
  face: FaceName;
  text: string;
  rtl: boolean;
}

/**
 * The line's runs left to right: its bidi runs in visual order, each cut into runs of one face (splitRuns);
 * within a right-to-left run the first face run in reading order stands rightmost. Shaping a right-to-left
 * run gives its glyphs in visual order, so each run is drawn as shaped. Characters no face has go to `missing`.
 */
export function visualLine(text: string, direction: Direction, primary: FaceName, language: string, missing: Set<string>): VisualRun[] {
  const line: VisualRun[] = [];
  for (const bidi of visualRuns(text, direction)) {
    const runs = splitRuns(text.slice(bidi.start, bidi.end), primary, language, missing);
    if (bidi.rtl) runs.reverse();
    for (const run of runs) line.push({ ...run, rtl: bidi.rtl });
  }
  return line;
}
