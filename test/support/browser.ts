// A page as a reader's browser meets it (Debian's chromium through playwright-core) and as the Nu HTML Checker
// reads it: what test/browser/ asks of every web page Galley writes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';

// Never a browser Playwright downloads: the one Debian ships and CI installs with apt.
export const CHROMIUM = '/usr/bin/chromium';
const VNU = 'node_modules/vnu-jar/build/dist/vnu.jar';

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, colorScheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, colorScheme: 'dark' },
  { name: 'phone', width: 390, height: 844, colorScheme: 'light' },
] as const;

export type Viewport = (typeof VIEWPORTS)[number];

export interface Visit {
  problems: string[];
  violations: string[];
  overflow: number;
  links: string[];
}

/** Load `url`: console errors, failed requests, horizontal overflow, the links it names, and axe's violations. */
export async function visit(browser: Browser, url: string, viewport: Viewport, screenshot: { path: string; fullPage: boolean } | null = null): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: viewport.colorScheme });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (screenshot !== null) await page.screenshot(screenshot);
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href]')].map((e) => (e as HTMLAnchorElement).href));
    // axe goes in after the screenshot: the page is drawn as Galley wrote it.
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
    const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    return { problems, violations, overflow, links };
  } finally {
    await context.close();
  }
}

/** The Nu HTML Checker's errors in the files (HTML, SVG), each as `path:line: type: message`. */
export async function nuErrors(files: readonly string[]): Promise<string[]> {
  let report: string;
  try {
    const { stderr } = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--also-check-svg', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 });
    report = stderr;
  } catch (error) {
    // vnu exits 1 when it finds an error; the report is on stderr either way.
    report = (error as { stderr?: string }).stderr ?? String(error);
  }
  const messages = (JSON.parse(report) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages;
  return messages.map((m) => `${m.url.replace(/^.*\/out\//, '')}:${m.lastLine ?? 0}: ${m.type}: ${m.message}`);
}
