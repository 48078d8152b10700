// Render one article in every selected article format: the unit of work, in this thread or a worker's.
import { articlePath, FORMATS } from '../exporters/registry.js';
import type { ArticleFormat } from '../exporters/registry.js';
import type { ArticleExporter } from '../model/output.js';
import { raster } from './pictures.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface RenderedFile {
  format: string;
  name: string;
  bytes: Uint8Array;
}

export interface RenderedArticle {
  files: RenderedFile[];
  diagnostics: Diagnostic[];
}

// Exporters load once per thread, on first use: fonts and templates are then reused for every article.
const loaded = new Map<string, Promise<ArticleExporter>>();

export function loader(format: ArticleFormat): Promise<ArticleExporter> {
  let render = loaded.get(format.name);
  if (!render) {
    render = format.load();
    loaded.set(format.name, render);
  }
  return render;
}

/**
 * Every file of one article, all rendered before any is written, so a failure leaves none. `formatNames`
 * are all the formats the build writes, collections included: a web page links the feeds that exist.
 */
export async function renderArticle(article: Article, formatNames: readonly string[], config: SiteConfig,
  pictures: Readonly<Record<string, Uint8Array>> = {}): Promise<RenderedArticle> {
  const files: RenderedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sizes: Record<string, number> = {};
  for (const format of FORMATS) {
    if (format.kind !== 'article' || !formatNames.includes(format.name)) continue;
    const out = await (await loader(format))(article, { config, formats: formatNames, sizes: { ...sizes }, pictures, raster });
    diagnostics.push(...out.diagnostics);
    files.push({ format: format.name, name: articlePath(format, article.slug), bytes: out.bytes });
    sizes[format.name] = out.bytes.byteLength;
  }
  return { files, diagnostics };
}
