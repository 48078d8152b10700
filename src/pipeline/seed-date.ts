// The date of a seed without front matter `date`: its last git commit, else its modification time.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

export type FallbackDate = { iso: string; source: 'git' | 'mtime' };

/**
 * Last commit time of every file in `dir` that git tracks, from one `git log` run: one process per build
 * rather than one per seed, which matters for archives of thousands of seeds.
 */
export function gitDates(dir: string): Map<string, string> {
  const dates = new Map<string, string>();
  let log: string;
  try {
    log = execFileSync('git', ['-c', 'core.quotePath=false', '-C', dir, 'log', '--format=%x00%ct', '--name-only', '--relative', '--no-renames', '--', '.'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return dates; // not a git work tree, or no git: mtime it is
  }
  let time = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('\u0000')) time = new Date(Number(line.slice(1)) * 1000).toISOString();
    else if (line !== '' && !dates.has(line)) dates.set(line, time);
  }
  return dates;
}

export function fallbackDate(dir: string, name: string, fromGit: Map<string, string>): FallbackDate {
  const git = fromGit.get(name);
  if (git) return { iso: git, source: 'git' };
  const mtime = statSync(join(dir, name)).mtimeMs;
  return { iso: new Date(Math.floor(mtime / 1000) * 1000).toISOString(), source: 'mtime' };
}
