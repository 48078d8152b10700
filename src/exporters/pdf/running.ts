// The edition's page furniture: on every article page a running head (the section and the day) over a hairline,
// and on every page after the front one a foot with what the page holds and its folio, all Pagination artifacts.
import type { Messages } from '../../messages/messages.js';
import type { TextLine } from './canvas.js';
import { shortTitle } from './flow.js';
import { EDITION_STYLES as S, RUNNING_HEAD } from './edition-style.js';
import { upper } from './layout.js';
import type { Box, Owner, PageText, Setting } from './page-text.js';
import type { PageGeometry } from './style.js';

/** Consecutive pages that share their furniture: the contents', or one article's. */
export interface PageRun {
  /** Page indexes [start, end). */
  start: number;
  end: number;
  /** The running head's section name, or null for none (the contents). */
  section: string | null;
  /** What the foot names (the article's title, or the word for the contents), and its language. */
  foot: string;
  /** Its language, or the article (whose missing glyphs it reports). */
  owner: Owner;
  /** The text's box on these pages, which the furniture keeps to. */
  box: Box;
}

/** Draw the furniture of every run; `label` is the edition's day or week. */
export function drawFurniture(text: PageText, runs: readonly PageRun[], page: PageGeometry, words: Messages, label: string, language: string): void {
  const edition = text.canvasFor(language);
  const doc = edition.doc;
  const pages = doc.bufferedPageRange().count;
  for (const run of runs) {
    const section = run.section === null ? null : text.set(upper(run.section, language), S.runningSection, run.box.width, language);
    const day = text.set(`· ${label}`, S.running, run.box.width, language);
    // Cut to one line of three quarters of the measure: shorter for wide characters (Han, Hangul).
    let foot = text.set(shortTitle(run.foot, 60), S.running, run.box.width * 0.75, run.owner);
    for (let max = 50; foot.lines.length > 1 && max >= 10; max -= 10) foot = text.set(shortTitle(run.foot, max), S.running, run.box.width * 0.75, run.owner);
    for (let i = run.start; i < run.end; i++) {
      doc.switchToPage(i);
      doc.markContent('Artifact', { type: 'Pagination' } as never);
      if (section !== null) {
        drawLine(text, section, run.box, RUNNING_HEAD.baseline);
        // The day after the section name, on the side it reads on.
        const w = text.width(section, section.lines[0]!) + 4;
        drawLine(text, day, { left: text.rtl ? run.box.left : run.box.left + w, width: run.box.width - w }, RUNNING_HEAD.baseline);
        // Drawn here, not with Canvas.rule: pdfkit ends any open artifact when another begins.
        const { left, width } = run.box;
        doc.addContent(`q 0.5 w 0.55 G ${left.toFixed(2)} ${RUNNING_HEAD.rule} m ${(left + width).toFixed(2)} ${RUNNING_HEAD.rule} l S Q`);
      }
      const folio = text.set(words.text('pdf.folio', { page: i + 1, pages }), S.running, run.box.width / 4, words.lang('pdf.folio'));
      drawLine(text, foot, run.box, page.footer, 'start');
      drawLine(text, folio, run.box, page.footer, 'end');
      doc.endMarkedContent();
    }
  }
}

/** The setting's first line at `align` of the box, on `base`; inside the caller's artifact. */
function drawLine(text: PageText, setting: Setting, box: Box, base: number, align: 'start' | 'end' = 'start'): void {
  const line = setting.lines[0];
  if (line === undefined) return;
  const lines: TextLine[] = [text.place(setting, line, box, align, base)];
  setting.canvas.lines(lines, setting.style);
}
