// Rule 1: encoding. UTF-8 only, BOM dropped, every line ending, NFC, size and NUL limits, control characters.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { MAX_SEED_BYTES } from '../../../src/normalize/decode.js';
import { article, dated, paragraphs, run, seedError } from './helpers.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('rule 1: line endings and BOM', () => {
  const expected = ['First paragraph', 'Second paragraph'];
  test.each([
    ['LF', 'Headline\nFirst paragraph\nSecond paragraph\n'],
    ['CRLF', 'Headline\r\nFirst paragraph\r\nSecond paragraph\r\n'],
    ['lone CR', 'Headline\rFirst paragraph\rSecond paragraph\r'],
    ['mixed', 'Headline\r\nFirst paragraph\rSecond paragraph\n'],
    ['BOM + LF', '\uFEFFHeadline\nFirst paragraph\nSecond paragraph'],
    ['BOM + CRLF', '\uFEFFHeadline\r\nFirst paragraph\r\nSecond paragraph'],
  ])('%s: same lines, no stray CR, no BOM in the title', (_, text) => {
    const a = article(text);
    expect(a.title).toBe('Headline');
    expect(paragraphs(a)).toEqual(expected);
  });

  test('BOM as bytes before front matter: the front matter is still read', () => {
    const a = article(bytes([0xef, 0xbb, 0xbf], '---\r\ndate: 2024-01-02\r\n---\r\nTitle\r\n'));
    expect(a.published).toBe('2024-01-02T00:00:00.000Z');
    expect(a.title).toBe('Title');
  });

  test('a BOM inside the text is not a BOM: it stays (as U+FEFF, zero-width no-break space)', () => {
    expect(paragraphs(article('Title\nA\uFEFFB'))).toEqual(['A\uFEFFB']);
  });

  test('CRLF keeps line numbers: an error on line 3 says line 3', () => {
    expect(seedError('---\r\ndate: 2024-01-01\r\nfoo: x\r\n---\r\nT').line).toBe(3);
    expect(seedError('---\rdate: 2024-01-01\rfoo: x\r---\rT').line).toBe(3);
  });

  test('the source hash is of the bytes as given (the file is never changed)', () => {
    const b = bytes([0xef, 0xbb, 0xbf], 'Title\r\n');
    expect(article(b).source.sha256).toBe(createHash('sha256').update(b).digest('hex'));
    expect(article('Title\r\n').source.sha256).toBe(createHash('sha256').update('Title\r\n').digest('hex'));
  });
});

describe('rule 1: NFC', () => {
  test('decomposed text is composed', () => {
    const a = article('Cafe\u0301 Zu\u0308rich\nna\u0308chste');
    expect(a.title).toBe('Caf\u00E9 Z\u00FCrich');
    expect(paragraphs(a)).toEqual(['n\u00E4chste']);
  });
  test('composed text stays composed', () => {
    expect(article('Caf\u00E9').title).toBe('Caf\u00E9');
  });
});

describe('rule 1: rejected files', () => {
  test('empty file', () => {
    expect(seedError('')).toEqual({
      file: 'seeds/test.txt', line: null, column: null, rule: 'headline/missing',
      message: 'holds no headline: the file has no text (after any front matter)',
    });
  });

  test('blank lines only (spaces, tabs, CRLF, no-break spaces)', () => {
    expect(seedError('\n  \r\n\t\n\u00A0\n\r')).toEqual({
      file: 'seeds/test.txt', line: null, column: null, rule: 'headline/missing',
      message: 'holds no headline: the file has no text (after any front matter)',
    });
  });

  test('front matter and nothing after it', () => {
    expect(seedError('---\ndate: 2024-01-01\n---\n\n\n').rule).toBe('headline/missing');
  });

  test('invalid UTF-8 names the line, column and byte', () => {
    expect(seedError(bytes('Title\nab', [0xff], 'c'))).toEqual({
      file: 'seeds/test.txt', line: 2, column: 3, rule: 'encoding/invalid-utf8',
      message: 'not valid UTF-8 (byte 0xFF at offset 8); save the file as UTF-8',
    });
  });

  test('Latin-1 text (a lone é byte) is invalid UTF-8', () => {
    expect(seedError(bytes('Caf', [0xe9], '\n')).message).toBe('not valid UTF-8 (byte 0xE9 at offset 3); save the file as UTF-8');
  });

  test('the column of a bad byte counts characters, as every column does: an emoji before it is one', () => {
    const e = seedError(bytes('Headline\n😀é', [0x80], '\n'));
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  test.each([
    ['truncated sequence at the end', [0x41, 0xc3], 1],
    ['overlong encoding of /', [0x41, 0xc0, 0xaf], 1],
    ['encoded surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['code point above U+10FFFF', [0x41, 0xf4, 0x90, 0x80, 0x80], 1],
    ['continuation byte alone', [0x41, 0x80], 1],
  ])('invalid UTF-8: %s', (_, b, offset) => {
    const e = seedError(Uint8Array.from(b as number[]));
    expect(e.rule).toBe('encoding/invalid-utf8');
    expect(e.message).toContain(`at offset ${offset}`);
    expect([e.line, e.column]).toEqual([1, 2]);
  });

  test('a string with an unpaired surrogate (no UTF-8 form) is refused the same way', () => {
    expect(seedError('Title\nab\uD800c')).toEqual({
      file: 'seeds/test.txt', line: 2, column: 3, rule: 'encoding/invalid-utf8',
      message: 'not valid UTF-8 (an unpaired surrogate U+D800 at offset 8); save the file as UTF-8',
    });
  });

  test('a surrogate pair (an emoji) is fine', () => {
    expect(article('Smile \uD83D\uDE00').title).toBe('Smile 😀');
  });

  test('NUL byte, as bytes and as a string', () => {
    const expected = {
      file: 'seeds/test.txt', line: 2, column: 3, rule: 'encoding/nul-byte',
      message: 'contains a NUL byte: this looks like a binary file, not a text seed',
    };
    expect(seedError(bytes('Title\nab', [0], 'c'))).toEqual(expected);
    expect(seedError('Title\nab\u0000c')).toEqual(expected);
  });

  test('NUL after CRLF lines counts lines like the decoder', () => {
    expect(seedError('A\r\nB\r\n\u0000').line).toBe(3);
  });

  test('file over 1 MiB', () => {
    const big = new Uint8Array(MAX_SEED_BYTES + 1).fill(0x61);
    big[0] = 0x54; big[1] = 0x0a;
    expect(seedError(big)).toEqual({
      file: 'seeds/test.txt', line: null, column: null, rule: 'encoding/too-large',
      message: 'is 1048577 bytes; a seed may be at most 1048576 bytes (1 MiB)',
    });
    // Counted in UTF-8 bytes for a string too: 349,526 three-byte characters are over 1 MiB.
    expect(seedError(`T\n${'€'.repeat(349_526)}`).rule).toBe('encoding/too-large');
  });

  test('exactly 1 MiB is accepted', () => {
    const text = `Title\n${'word '.repeat((MAX_SEED_BYTES - 6) / 5)}`.padEnd(MAX_SEED_BYTES, 'x');
    expect(Buffer.byteLength(text)).toBe(MAX_SEED_BYTES);
    expect(article(text).title).toBe('Title');
  });
});

describe('rule 1: white space and control characters', () => {
  test('tab, vertical tab and form feed are white space', () => {
    expect(paragraphs(article('T\na\tb\u000Bc\u000Cd'))).toEqual(['a b c d']);
  });

  test('control characters are dropped with a warning naming line and column', () => {
    const { article: a, diagnostics } = run(dated('Head\u0007line\nab\u0001c\u0002d\n\u007Fx\u0085y\u009Fz'));
    expect(a.title).toBe('Headline');
    expect(paragraphs(a)).toEqual(['abcd', 'xyz']);
    expect(diagnostics).toEqual([
      { severity: 'warning', file: 'seeds/test.txt', line: 4, column: 5, rule: 'encoding/control-character', message: 'dropped a control character (first U+0007)' },
      { severity: 'warning', file: 'seeds/test.txt', line: 5, column: 3, rule: 'encoding/control-character', message: 'dropped 2 control characters (first U+0001)' },
      { severity: 'warning', file: 'seeds/test.txt', line: 6, column: 1, rule: 'encoding/control-character', message: 'dropped 3 control characters (first U+007F)' },
    ]);
  });

  test('the column counts characters, not UTF-16 units', () => {
    const { diagnostics } = run(dated('T\n😀😀\u0001'));
    expect(diagnostics[0]).toMatchObject({ line: 5, column: 3 });
  });

  test('U+FFFE and U+FFFF are dropped like controls', () => {
    const { article: a, diagnostics } = run(dated('T\na\uFFFEb\uFFFFc'));
    expect(paragraphs(a)).toEqual(['abc']);
    expect(diagnostics.map((d) => d.message)).toEqual(['dropped 2 control characters (first U+FFFE)']);
  });

  test('a line of control characters only becomes blank, not a block', () => {
    const { article: a } = run(dated('T\n\u0001\u0002\nText'));
    expect(paragraphs(a)).toEqual(['Text']);
  });

  test('printable characters near the control ranges are kept without a warning', () => {
    const { article: a, diagnostics } = run(dated('T\n~ \u00A0\u00A1 \uFFFD \u200B'));
    expect(paragraphs(a)).toEqual(['~ \u00A0\u00A1 \uFFFD \u200B']);
    expect(diagnostics).toEqual([]);
  });
});
