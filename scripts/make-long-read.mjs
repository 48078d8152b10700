#!/usr/bin/env node
// Write test/fixtures/corpus/long-read.txt: a deterministic ~6,000-word article (sections, lists, related reading)
// for tests of long output (page breaks, reading time, feed sizes). Run once; the output is committed.
// Usage: node scripts/make-long-read.mjs [words=6000]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const target = Number(process.argv[2] ?? 6000);

// mulberry32: a tiny seeded PRNG, so every run writes the same bytes.
let state = 0x9e3779b9;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const subjects = ['The harbour authority', 'The city council', 'Dock workers', 'The mayor', 'Engineers from the university',
  'Local fishermen', 'The regional government', 'Residents of the old quarter', 'A consortium of shipping firms',
  'The port\'s chief planner', 'Environmental groups', 'Small traders along the quay', 'The national rail operator'];
const verbs = ['argued that', 'warned that', 'announced that', 'insisted that', 'conceded that', 'pointed out that',
  'were told that', 'have long said that', 'admitted on Tuesday that', 'wrote in a report that'];
const clauses = ['the new breakwater would take at least four more years to finish',
  'the cost of dredging the channel had doubled since 2019',
  'container traffic had fallen by a third during the storms',
  'the old warehouses should be kept rather than torn down',
  'the plan depends on money that has not yet been promised',
  'the tide gauges installed in the 1960s no longer give reliable readings',
  'ferry crossings to the islands would resume in the spring',
  'rents in the neighbourhood had risen faster than wages',
  'the sea wall had held during the worst of the winter',
  'a second crane was needed before larger ships could call',
  'the fish market would move to a new hall near the station',
  'the work had been delayed by a shortage of steel and skilled welders',
  'nobody had asked the people who live on the waterfront what they wanted'];
const tails = ['', '', '', ', according to minutes seen by this newspaper', ', a claim others dispute',
  ' -- though not everyone agrees', ', at least for now', ', as the figures published last month show',
  '; the numbers are "still being checked"', ', which surprised almost no one'];
const quotes = ['"We cannot wait another decade," one of them said.', '"It\'s a question of trust," a resident told us.',
  '"The sea does not read our timetables," the engineer said.', '"Nobody here is against change," said a trader, "only against being ignored."',
  '"We have done this before, in the \'70s, and we can do it again," the mayor said.'];

function sentence() {
  return `${pick(subjects)} ${pick(verbs)} ${pick(clauses)}${pick(tails)}.`;
}
function paragraph() {
  const n = 3 + Math.floor(random() * 4);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(random() < 0.12 ? pick(quotes) : sentence());
  return parts.join(' ');
}

const sections = [
  ['Background', 'A Port Built For Another Century'], ['The Plan', 'Breakwater, Dredging And Cranes'],
  ['Money', 'Who Pays For The Harbour'], ['People', 'Life On The Waterfront'], ['Environment', 'Tides, Silt And Seagrass'],
  ['Work', 'Jobs On The Docks'], ['Politics', 'A Council Divided'], ['History', 'Storms Of The Past'],
  ['Trade', 'Ships That No Longer Call'], ['Outlook', 'What Happens Next'],
];
const listTitles = ['Key facts:', 'In numbers:', 'What was promised:', 'Timeline:'];
const count = (text) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

const lines = ['---', 'date: 2024-07-10T06:00:00Z', 'author: Harbour Desk', 'tags: harbour, city, long read', '---',
  'The harbour that waited: how a port city is rebuilding its waterfront.', paragraph(), paragraph()];
let words = lines.slice(5).reduce((n, l) => n + count(l), 0);
const perSection = Math.ceil(target / sections.length);
for (const [i, [kicker, heading]] of sections.entries()) {
  lines.push('', `${kicker}: ${heading}`);
  const start = words;
  let p = 0;
  while (words - start < perSection - 40 && words < target - 60) {
    const text = paragraph();
    lines.push(text);
    words += count(text);
    if (++p === 3 && i % 2 === 0) {
      const items = [0, 1, 2].map(() => `- ${pick(clauses).replace(/^./, (c) => c.toUpperCase())}.`);
      lines.push('', listTitles[i % listTitles.length], '', ...items, '');
      words += count(listTitles[i % listTitles.length]) + items.reduce((n, l) => n + count(l), 0);
    }
  }
}
lines.push('', 'Further reading:', '- How other ports rebuilt after the storms https://news.example/ports',
  '- The council\'s budget, line by line https://news.example/budget');
writeFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'corpus', 'long-read.txt'), `${lines.join('\n')}\n`);
console.log(`long-read.txt: ${words} words of body text`);
