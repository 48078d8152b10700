// The build: the only code that reads seeds and writes out/. Normalize every seed, render every format, write atomically.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Article } from './model/article.js';
import { articleJsonSchema } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import type { Diagnostic } from './model/diagnostic.js';
import { SeedError } from './model/diagnostic.js';
import type { ArticleFormat, CollectionFormat, Format } from './exporters/registry.js';
import type { ArticleRender, CollectionRender } from './exporters/types.js';
import { normalize, withSlug } from './normalize/index.js';
import { uniqueSlug } from './normalize/slug.js';
import { fallbackDate, gitDates } from './seed-date.js';
import { writeFileAtomic } from './write-atomic.js';

export const SCHEMA_FILE = 'article.schema.json';

export interface BuildOptions {
  seedsDir: string;
  outDir: string;
  config: SiteConfig;
  formats: readonly Format[];
  /** Called after each article, for progress. */
  onArticle?: (done: number, total: number) => void;
}

export interface BuildResult {
  /** Seeds read, in build order. */
  seeds: string[];
  built: { seed: string; slug: string }[];
  failed: string[];
  /** Every warning and error, in seed order; the CLI prints them. */
  diagnostics: Diagnostic[];
}

interface Loaded { seed: string; display: string; bytes: Uint8Array; article: Article }

/** Build every *.txt in `seedsDir` into `outDir`. Never throws for a bad seed: it is reported and skipped. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { seedsDir, outDir, config, formats } = options;
  const seeds = readdirSync(seedsDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => e.name)
    .sort(); // code-unit order: the same on every machine and locale, so -2 suffixes never move
  mkdirSync(outDir, { recursive: true });
  const result: BuildResult = { seeds, built: [], failed: [], diagnostics: [] };
  const dates = gitDates(seedsDir);
  // A slug may not take the name of a whole-build file: an article headlined "Feed" must not overwrite feed.json.
  const taken = new Set<string>(formats.filter((f) => f.kind === 'collection').map((f) => f.fileName.replace(/\.[^.]*$/, '')));
  const loaded: Loaded[] = [];

  for (const seed of seeds) {
    const display = displayPath(join(seedsDir, seed));
    try {
      const bytes = readFileSync(join(seedsDir, seed));
      const { article, diagnostics } = normalize(bytes, display, {
        config,
        fallbackDate: fallbackDate(seedsDir, seed, dates),
        sourcePath: `${basename(resolve(seedsDir))}/${seed}`,
      });
      result.diagnostics.push(...diagnostics);
      const slug = uniqueSlug(article.slug, taken);
      if (slug !== article.slug) {
        result.diagnostics.push({ severity: 'warning', file: display, line: null, column: null, rule: 'slug/duplicate',
          message: `slug "${article.slug}" is taken by an earlier seed; this article is written as "${slug}"` });
      }
      loaded.push({ seed, display, bytes, article: withSlug(article, slug, config) });
    } catch (e) {
      result.failed.push(seed);
      result.diagnostics.push(asDiagnostic(e, display));
    }
  }

  const articleFormats = formats.filter((f): f is ArticleFormat => f.kind === 'article');
  const renders = await Promise.all(articleFormats.map(async (f) => ({ format: f, render: await f.load() })));
  const sizes = new Map<string, Record<string, number>>();
  const good: Article[] = [];
  let done = 0;
  for (const item of loaded) {
    try {
      const files = await renderArticle(item, renders, config, result.diagnostics);
      // Render everything first, write after: a failure in any format leaves no file of this article.
      for (const f of files) writeOut(outDir, f.name, f.bytes);
      sizes.set(item.article.slug, Object.fromEntries(files.map((f) => [f.format, f.bytes.length])));
      good.push(item.article);
      result.built.push({ seed: item.seed, slug: item.article.slug });
    } catch (e) {
      result.failed.push(item.seed);
      result.diagnostics.push(asDiagnostic(e, item.display));
    }
    options.onArticle?.(++done, loaded.length);
  }

  if (formats.some((f) => f.name === 'json')) {
    writeOut(outDir, SCHEMA_FILE, new TextEncoder().encode(JSON.stringify(articleJsonSchema(), null, 2) + '\n'));
  }
  for (const f of formats.filter((x): x is CollectionFormat => x.kind === 'collection')) {
    const render: CollectionRender = await f.load();
    const out = await render(good, { config, sizes });
    result.diagnostics.push(...out.diagnostics);
    writeOut(outDir, f.fileName, out.bytes);
  }
  if (config.url === null && formats.some((f) => f.kind === 'collection')) {
    result.diagnostics.push({ severity: 'warning', file: displayPath(outDir), line: null, column: null, rule: 'feed/no-site-url',
      message: 'no site URL: feed items have no links or enclosures; pass --site-url or set "url" in galley.config.json' });
  }
  return result;
}

async function renderArticle(item: Loaded, renders: { format: ArticleFormat; render: ArticleRender }[], config: SiteConfig,
  diagnostics: Diagnostic[]): Promise<{ format: string; name: string; bytes: Uint8Array }[]> {
  const files = [];
  for (const { format, render } of renders) {
    const out = await render(item.article, { config });
    diagnostics.push(...out.diagnostics.map((d) => placeDiagnostic(d, item)));
    files.push({ format: format.name, name: `${item.article.slug}.${format.extension}`, bytes: out.bytes });
  }
  return files;
}

/** A writer knows the text it lost, not the line: find that text in the seed. */
function placeDiagnostic(d: Diagnostic, item: Loaded): Diagnostic {
  const placed = { ...d, file: item.display };
  if (d.line !== null || !d.excerpt) return placed;
  const lines = new TextDecoder().decode(item.bytes).split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => l.normalize('NFC').includes(d.excerpt!));
  if (index < 0) return placed;
  const column = [...lines[index]!.normalize('NFC').slice(0, lines[index]!.normalize('NFC').indexOf(d.excerpt))].length + 1;
  return { ...placed, line: index + 1, column };
}

function writeOut(outDir: string, name: string, bytes: Uint8Array): void {
  const target = resolve(outDir, name);
  // Slugs are [a-z0-9-] by schema; this guard keeps that promise even if a format ever names files otherwise.
  if (!target.startsWith(resolve(outDir) + sep) || name.includes('/') || name.includes('\\')) {
    throw new Error(`refusing to write "${name}" outside ${outDir}`);
  }
  writeFileAtomic(target, bytes);
}

function asDiagnostic(e: unknown, file: string): Diagnostic {
  if (e instanceof SeedError) return e.toDiagnostic();
  const message = e instanceof Error ? e.message : String(e);
  return { severity: 'error', file, line: null, column: null, rule: 'build/failed', message };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel === '' || rel.startsWith('..') ? path : rel).split(sep).join('/');
}
