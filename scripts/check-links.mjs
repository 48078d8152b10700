// Dead-link check of a built out/: every URL under the site URL that any output names must be a file in out/.
// Usage: node scripts/check-links.mjs OUT_DIR SITE_URL   (exit 0: none dead, 1: some dead, 2: usage)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

// An absolute URL in text: up to a space, a quote, a tag or an entity's end.
const ABSOLUTE = /https?:\/\/[^\s"'<>\\]+/g;
// href and src attributes, any quoting, in HTML and XML alike: relative ones resolve against the file's URL.
const ATTRIBUTE = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
// A picture's candidates: "url 480w, url 960w".
const SRCSET = /\ssrcset\s*=\s*"([^"]*)"/g;

const decodeEntities = (s) => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e]);

/** Every visible file under `dir`, as paths relative to it with / separators. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, join(e.parentPath, e.name)).split(sep).some((part) => part.startsWith('.')))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** The texts of a file that can name URLs: the file itself, or the XML and XHTML inside an EPUB. */
function texts(outDir, name) {
  const bytes = readFileSync(join(outDir, name));
  if (name.endsWith('.epub')) {
    return Object.entries(unzipSync(bytes)).filter(([entry]) => /\.(opf|ncx|xhtml|xml)$/.test(entry)).map(([entry, data]) => ({ where: `${name}!${entry}`, text: strFromU8(data), base: null }));
  }
  if (/\.(html|xml|json|txt|svg)$/.test(name)) return [{ where: name, text: bytes.toString('utf8'), base: name }];
  return [];
}

/**
 * Check out/: returns `{ named, dead }`, `named` each distinct site URL with the files that name it (an EPUB's
 * as `x.epub!OEBPS/content.opf`), `dead` those `{ url, from }` whose file is missing. `x/` is `x/index.html`,
 * as a static server answers it.
 */
export function checkLinks(outDir, siteUrl) {
  const base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  const named = new Map();
  for (const name of files(outDir)) {
    for (const { where, text, base: path } of texts(outDir, name)) {
      const found = [...text.matchAll(ABSOLUTE)].map((m) => m[0]);
      // Relative references only in markup of out/ itself; inside an EPUB they point into the book.
      if (path !== null && /\.(html|xml|svg)$/.test(path)) {
        for (const m of text.matchAll(ATTRIBUTE)) found.push(new URL(decodeEntities(m[1] ?? m[2]), new URL(path, base)).href);
        for (const m of text.matchAll(SRCSET)) {
          for (const candidate of m[1].split(',')) found.push(new URL(decodeEntities(candidate.trim().split(/\s+/)[0]), new URL(path, base)).href);
        }
      }
      for (const raw of found) {
        let url;
        try {
          url = new URL(decodeEntities(raw));
        } catch {
          continue;
        }
        url.hash = '';
        url.search = '';
        if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) continue;
        const from = named.get(url.href) ?? new Set();
        named.set(url.href, from.add(where));
      }
    }
  }
  const dead = [];
  for (const [url, from] of named) {
    let path = decodeURIComponent(new URL(url).pathname.slice(new URL(base).pathname.length));
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = join(outDir, ...path.split('/'));
    if (!(existsSync(file) && statSync(file).isFile())) dead.push({ url, from: [...from] });
  }
  return { named, dead };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, siteUrl] = process.argv.slice(2);
  if (!outDir || !siteUrl) {
    console.error('usage: node scripts/check-links.mjs OUT_DIR SITE_URL');
    process.exit(2);
  }
  const { named, dead } = checkLinks(outDir, siteUrl);
  for (const d of dead) console.log(`dead: ${d.url} (named in ${d.from.slice(0, 3).join(', ')}${d.from.length > 3 ? ', ...' : ''})`);
  console.log(`${named.size} site URLs checked, ${dead.length} dead`);
  process.exit(dead.length === 0 ? 0 : 1);
}
