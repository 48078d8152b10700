// Hostile but valid seeds for the bench's "hostile" row: each stresses one stage with input that grows
// toward the 1 MiB limit. Deterministic: the same files every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 1024 * 1024 - 4096; // room for the headline and front matter under the 1 MiB seed limit

/** Repeat `unit` until the text has about `bytes` UTF-8 bytes. */
function fill(unit, bytes) {
  const size = Buffer.byteLength(unit);
  return unit.repeat(Math.max(1, Math.floor(bytes / size)));
}

/** The hostile cases: name, seed text, and an optional site config (for the site-title case). */
export function hostileSeeds() {
  return [
    { name: 'one-word', text: `One unbreakable word\n${fill('a', LIMIT)}\n` },
    { name: 'long-url', text: `A very long link\nSee https://example.org/${fill('abcdefghij/', LIMIT / 2)} for more.\n` },
    { name: 'chinese-paragraph', text: `---\nlanguage: zh\n---\n一段很长的文字\n${fill('中国政府今天宣布了新的经济政策，以促进就业和消费。', LIMIT)}\n` },
    { name: 'thai-paragraph', text: `---\nlanguage: th\n---\nข้อความยาว\n${fill('เจ้าหน้าที่ท้องถิ่นปิดถนนสายหลักหลายสายเมื่อเช้านี้', LIMIT)}\n` },
    { name: 'arabic-paragraph', text: `---\nlanguage: ar\n---\nنص طويل\n${fill('أغلقت السلطات المحلية عدة طرق رئيسية صباح اليوم بعد هطول أمطار غزيرة. ', LIMIT)}\n` },
    { name: 'combining-marks', text: `Marks\n${fill('Z\u0334\u0322\u0327\u0347\u031d\u034ea\u0338\u0327\u031b\u0356 ', LIMIT)}\n` },
    { name: 'list-lines', text: `Many items\nItems:\n${fill('- item\n', LIMIT)}` },
    { name: 'paragraph-lines', text: `Many paragraphs\n${fill('Hi.\n', LIMIT)}` },
    { name: 'site-title', text: 'A short article\nWith one paragraph.\n', config: { title: fill('Site ', 10_000) } },
  ];
}

/** Write each case into its own folder under `root` (with its galley.config.json where it has one). */
export function writeHostileSeeds(root) {
  return hostileSeeds().map(({ name, text, config }) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.txt`), text);
    if (config) writeFileSync(join(dir, 'galley.config.json'), JSON.stringify(config));
    return { name, dir, bytes: Buffer.byteLength(text) };
  });
}
