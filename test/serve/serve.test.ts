// galley serve (issue 12, item 6): out/ previewed on 127.0.0.1, rebuilt when a seed changes, stopped by Ctrl-C.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, galleySync } from '../support/cli.js';
import { request } from 'node:http';
import { listen } from '../../src/serve/serve.js';

const SEED = 'seeds/putin-north-korea.txt';
const PAGE = 'articles/putin-seeks-to-court-north-korea-prior-to-scheduled-visit/';

function seedsFolder(): { root: string; seeds: string } {
  const root = mkdtempSync(join(tmpdir(), 'galley-serve-'));
  const seeds = join(root, 'seeds');
  mkdirSync(seeds);
  copyFileSync(SEED, join(seeds, 'putin.txt'));
  return { root, seeds };
}

/** Resolves when `check` does, trying again every 100 ms until `ms` have passed. */
async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Start `galley serve` as a user's shell does; resolves with the URL it prints. */
async function startServe(seeds: string, out: string) {
  const child = spawn(BIN, ['serve', seeds, '--out', out, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await eventually(async () => /at (http:\/\/127\.0\.0\.1:\d+\/) /.exec(stdout)?.[1], 30_000, `a URL from galley serve (stderr: ${stderr})`);
  return { child, url, exited, output: () => stdout + stderr };
}

describe('galley serve', () => {
  it('serves out/, shows an edited or added seed without a restart, and stops on SIGINT', async () => {
    const { root, seeds } = seedsFolder();
    const { child, url, exited, output } = await startServe(seeds, join(root, 'out'));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await fetch(url + PAGE);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Vladimir Putin, the Russian President');
    // A folder asked for without its "/" is redirected to it, or the page's relative links would be wrong.
    const bare = await fetch(url + PAGE.slice(0, -1), { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, `/${PAGE}`]);
    expect((await fetch(`${url}.galley-cache.json`)).status).toBe(404);
    expect((await fetch(`${url}..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);

    const text = readFileSync(join(seeds, 'putin.txt'), 'utf8');
    writeFileSync(join(seeds, 'putin.txt'), text.replace('Vladimir Putin, the Russian President', 'Edited after the first build'));
    await eventually(async () => ((await (await fetch(url + PAGE)).text()).includes('Edited after the first build') || undefined), 15_000, 'the edited page');
    writeFileSync(join(seeds, 'second.txt'), 'A second article arrives\n\nIts only paragraph.\n');
    await eventually(async () => ((await (await fetch(url)).text()).includes('A second article arrives') || undefined), 15_000, 'the new article on the home page');
    expect((await fetch(`${url}articles/a-second-article-arrives/`)).status).toBe(200);

    child.kill('SIGINT');
    const end = await exited;
    expect(end, output()).toEqual({ code: null, signal: 'SIGINT' });
    await expect(fetch(url)).rejects.toThrow();
  }, 90_000);

  it('refuses a port that is taken, or not a port, and --port without serve', async () => {
    const { root, seeds } = seedsFolder();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const busy = galleySync(['serve', seeds, '--out', join(root, 'out'), '--port', port, '--quiet']);
      expect([busy.code, busy.stderr]).toEqual([2, `galley: port ${port} on 127.0.0.1 is in use; give another --port\n`]);
      // Said before any work: no article was built.
      expect(existsSync(join(root, 'out')) ? readdirSync(join(root, 'out')).filter((f) => !f.startsWith('.')) : []).toEqual([]);
    } finally {
      taken.close();
    }
    for (const args of [['serve', seeds, '--port', 'http'], ['serve', seeds, '--port', '70000'], ['build', seeds, '--port', '8080']]) {
      const r = galleySync([...args, '--out', join(root, 'out')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^galley: .*port/);
    }
  }, 60_000);
});

/** A request with the path exactly as given (fetch would normalize it): its status and Location. */
function rawGet(base: string, path: string): Promise<{ status: number; location: string | undefined; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the preview server under hostile requests', () => {
  function site(): string {
    const root = mkdtempSync(join(tmpdir(), 'galley-static-'));
    mkdirSync(join(root, 'articles', 'a-story'), { recursive: true });
    writeFileSync(join(root, 'articles', 'a-story', 'index.html'), '<p>story</p>');
    writeFileSync(join(root, 'feed.xml'), '<rss/>');
    return root;
  }

  it('answers a file asked for as a folder, or a name too long, with 404 and goes on serving', async () => {
    const server = await listen(site(), 0);
    try {
      for (const path of ['/feed.xml/', '/feed.xml/x', `/${'a'.repeat(300)}`, `/articles/${'b'.repeat(300)}/index.html`]) {
        const r = await rawGet(server.url, path);
        expect([r.status, r.body], path).toEqual([404, 'not found\n']);
      }
      expect((await rawGet(server.url, '/articles/a-story/')).status).toBe(200);
      expect((await rawGet(server.url, '/feed.xml')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('redirects a folder only to a path on this server, built from the normalized path', async () => {
    const server = await listen(site(), 0);
    try {
      const hostile = ['//evil.example/..%2farticles/a-story', '/.//evil.example/..%2farticles/a-story', '/\\evil.example/..%2farticles/a-story',
        '/%2f%2fevil.example/..%2f..%2farticles/a-story', '/%5cevil.example/..%2f..%2farticles/a-story', '/articles//a-story'];
      for (const path of hostile) {
        const r = await rawGet(server.url, path);
        if (r.status === 301) expect(r.location, path).toBe('/articles/a-story/');
        else expect(r.status, path).toBe(404);
      }
      expect(await rawGet(server.url, '/articles/a-story?x=1')).toMatchObject({ status: 301, location: '/articles/a-story/?x=1' });
    } finally {
      await server.close();
    }
  });
});
