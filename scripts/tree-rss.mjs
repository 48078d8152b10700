// Run a command and measure its wall time and the peak resident memory of its whole process tree (the
// command, and every process it starts, summed), sampled from /proc. GNU time's %M is one process's peak,
// which misses a parent that waits beside the child it handed the work to.
// As a script: node scripts/tree-rss.mjs COMMAND ARGS... prints "wall_s peak_tree_rss_mb" on stderr.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size in KiB and the parent pid of every process now running (Linux). */
function processes() {
  const all = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      all.push({ pid: Number(p), ppid, rss });
    } catch {
      // ended while listed
    }
  }
  return all;
}

function treeRssKb(root) {
  const all = processes();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) if (!inTree.has(p.pid) && inTree.has(p.ppid)) grew = inTree.add(p.pid) !== null;
  }
  return all.filter((p) => inTree.has(p.pid)).reduce((sum, p) => sum + p.rss, 0);
}

/** Run `command` with `args`; resolves to { code, signal, seconds, peakRssMb, stderr }. */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const sample = () => (peak = Math.max(peak, treeRssKb(child.pid)));
    const timer = setInterval(sample, 20);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, seconds: (performance.now() - start) / 1000, peakRssMb: peak / 1024, stderr });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measure(process.argv[2], process.argv.slice(3));
  process.stderr.write(r.stderr);
  process.stderr.write(`${r.seconds.toFixed(2)} s, peak tree RSS ${r.peakRssMb.toFixed(0)} MB, exit ${r.code ?? r.signal}\n`);
  process.exitCode = r.code ?? 1;
}
