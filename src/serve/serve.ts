// galley serve: out/ previewed over HTTP on 127.0.0.1, rebuilt when a seed changes, as `hugo server` does.
import { createReadStream, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { watch } from 'chokidar';

// The types a web host gives out/'s files, so a browser shows a page, offers a download and reads a feed.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.ndjson': 'application/x-ndjson',
  // The search (out/pagefind/) and the pictures.
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * Answers GET and HEAD with the files under `root` as a static host does: `x/` is `x/index.html`, a folder
 * asked for without its "/" is redirected to it (the pages' relative links need it), and nothing outside
 * `root` or hidden (the build state, temp files) is served.
 */
export function staticFiles(root: string): RequestListener {
  const answer = staticAnswer(root);
  return (request, response) => {
    try {
      answer(request, response);
    } catch {
      // No request may stop the preview; the client gets no stack trace.
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
      else response.destroy();
    }
  };
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
}

/**
 * A path's stats, or undefined where it names nothing that can be served: missing, a file asked for as a
 * folder (ENOTDIR), a name too long, or one the server may not read.
 */
function fileStats(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function staticAnswer(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let url: URL;
    let path: string;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
      path = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const parts = relative(root, join(root, path)).split(sep);
    if (parts[0] === '..' || parts.some((part) => part.startsWith('.')) || path.includes('\0')) {
      notFound(response);
      return;
    }
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    const stats = fileStats(file);
    if (stats?.isDirectory() && fileStats(join(file, 'index.html'))?.isFile()) {
      // Built from the normalized path, never from the request's: "//host/x" would be another host's URL.
      response.writeHead(301, { location: `/${parts.map(encodeURIComponent).join('/')}/${url.search}` }).end();
      return;
    }
    if (stats === undefined || !stats.isFile()) {
      notFound(response);
      return;
    }
    // A preview shows the latest build: the browser asks again each time.
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': stats.size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  };
}

/** An HTTP server of `root`'s files on 127.0.0.1 at `port` (0: one the system picks). */
export async function listen(root: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(staticFiles(root));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A browser keeps connections open; the server must not wait for them to stop.
      server.closeAllConnections();
    }),
  };
}

/** A server `listen` started. */
export type Listening = Awaited<ReturnType<typeof listen>>;

export interface ServeOptions {
  seedsDir: string;
  /** out/'s server, started before the first build, so that a port in use is told before any work. */
  server: Listening;
  /** Build out/ again (the build is incremental: only changed seeds are rendered), reporting its own outcome. */
  rebuild: (signal: AbortSignal) => Promise<void>;
  /** Told the server's URL once it listens. */
  onListening: (url: string) => void;
  /** Aborting it stops watching and serving; serve() then resolves. */
  signal: AbortSignal;
}

// An editor's save is often several events (write a temp file, rename it, touch): one build for them all.
const SETTLE_MS = 100;

/** Serve out/ with `server` and rebuild on every change of a seed, until `signal` aborts; then close it. */
export async function serve(options: ServeOptions): Promise<void> {
  const { signal } = options;
  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const { server } = options;
  if (signal.aborted) {
    await server.close();
    return;
  }
  const watcher = watch(options.seedsDir, {
    ignoreInitial: true,
    // Folders are watched for the seeds in them; of the files only seeds count, as in a build.
    ignored: (path, stats) => stats?.isFile() === true && !path.endsWith('.txt'),
  });
  let building: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    do {
      again = false;
      await options.rebuild(signal);
    } while (again && !signal.aborted);
    building = null;
  };
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (signal.aborted) return;
      // A change during a build is built after it: that build may have read the seed before the change.
      if (building !== null) again = true;
      else building = run();
    }, SETTLE_MS);
  };
  watcher.on('all', changed);
  await Promise.race([new Promise<void>((resolve) => watcher.once('ready', resolve)), stopped]);
  if (!signal.aborted) options.onListening(server.url);
  await stopped;
  clearTimeout(timer);
  await Promise.all([watcher.close(), server.close(), building]);
}
