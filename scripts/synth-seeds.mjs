// Deterministic synthetic seeds for the benchmark: realistic lengths and structure, the same bytes every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ('the government said on monday that talks with officials would resume after weeks of tension '
  + 'between the two countries while analysts warned that sanctions could deepen the economic crisis '
  + 'in the region and markets reacted calmly to the announcement by the ministry of foreign affairs '
  + 'reporters were told that the delegation would travel to the capital for a summit next week where '
  + 'leaders are expected to sign an agreement on trade energy security and humanitarian aid').split(' ');
const NAMES = ['Seoul', 'Moscow', 'Pyongyang', 'Kyiv', 'Berlin', 'Athens', 'Hanoi', 'Tokyo', 'Brussels'];
const KICKERS = ['News', 'Analysis', 'Background', 'Reaction', 'What Next'];

/** mulberry32: a tiny seeded PRNG, so article i is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r) {
  const n = 12 + Math.floor(r() * 18);
  const words = Array.from({ length: n }, () => (r() < 0.08 ? NAMES[Math.floor(r() * NAMES.length)] : WORDS[Math.floor(r() * WORDS.length)]));
  if (r() < 0.15) words.splice(3, 0, `"${words[3]}"`);
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (r() < 0.1 ? '...' : '.');
}

function paragraph(r) {
  return Array.from({ length: 3 + Math.floor(r() * 4) }, () => sentence(r)).join(' ');
}

/** Seed text number `i`: front matter, 400 to 1,400 words, 1 to 4 sections, lists and related reading. */
export function synthSeed(i) {
  const r = rng(i + 1);
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  const lines = ['---', `date: 2024-${month}-${day}T${String(i % 24).padStart(2, '0')}:00:00Z`, 'author: Synthetic Desk',
    `tags: ${NAMES[i % NAMES.length]}, World`, '---'];
  lines.push(`${sentence(r).replace(/\.+$/, '')} ${i}`);
  for (let p = 0; p < 2 + Math.floor(r() * 3); p++) lines.push(paragraph(r), '');
  const sections = 1 + Math.floor(r() * 4);
  for (let s = 0; s < sections; s++) {
    lines.push(`${KICKERS[(i + s) % KICKERS.length]}: ${NAMES[(i + s) % NAMES.length]} talks enter day ${s + 2}`);
    for (let p = 0; p < 1 + Math.floor(r() * 3); p++) lines.push(paragraph(r));
    if (r() < 0.3) lines.push('Key facts:', ...Array.from({ length: 3 }, () => `- ${sentence(r)}`));
  }
  lines.push('Read also:', ...Array.from({ length: 2 + Math.floor(r() * 2) }, () => `- ${sentence(r)}`));
  return lines.join('\n') + '\n';
}

/** Write seeds 0..n-1 as dir/synth-00000.txt ... */
export function writeSynthSeeds(dir, n) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `synth-${String(i).padStart(5, '0')}.txt`), synthSeed(i));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2);
  if (!dir || !n) {
    console.error('usage: node scripts/synth-seeds.mjs DIR N');
    process.exit(2);
  }
  writeSynthSeeds(dir, Number(n));
}
