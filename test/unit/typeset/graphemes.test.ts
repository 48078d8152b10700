// The shared grapheme-cluster helper: ICU's clusters, in linear time, across the chunks it reads a long text in.
import { describe, expect, it } from 'vitest';
import { graphemeEnds, graphemes } from '../../../src/typeset/graphemes.js';

const icu = (text: string): string[] => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

describe('graphemes', () => {
  it('gives ICU’s clusters: marks, conjuncts, ZWJ sequences, flags, Hangul jamo, CR LF', () => {
    const text = 'e\u0301 क्षत्रिय 👩🏽‍🚀 🇰🇷🇯🇵 \u1100\u1161\u11a8 a\r\nb ☺\uFE0F';
    expect([...graphemes(text)]).toEqual(icu(text));
  });

  it('keeps a cluster whole where it straddles the edge of a chunk, in ASCII and in other text', () => {
    for (const filler of ['a', 'ж', '字']) {
      for (let at = 1018; at <= 1030; at++) {
        const text = `${filler.repeat(at)}e\u0301\u0316👩🏽‍🚀🇰🇷${filler.repeat(2000)}क्ष`;
        expect([...graphemes(text)], `${filler} ${at}`).toEqual(icu(text));
      }
    }
  });

  it('ends at the text’s length, and gives nothing for an empty text', () => {
    expect([...graphemeEnds('ab\u0301')]).toEqual([1, 3]);
    expect([...graphemes('')]).toEqual([]);
  });
});

describe('line-break words of a long Thai token (issue 20: one chunking rule with the clusters)', () => {
  it('cuts where ICU cuts the whole token: a chunk edge inside a word is no break', async () => {
    const { breakToken } = await import('../../../src/typeset/breaks.js');
    const words = new Intl.Segmenter('th', { granularity: 'word' });
    for (const word of ['ภาษาไทย', 'สวัสดีครับ', 'กรุงเทพมหานคร']) {
      const token = word.repeat(Math.ceil(3000 / word.length));
      const icuCuts = [...words.segment(token)].map((s) => s.index).filter((i) => i > 0);
      const pieces = breakToken(token, 'th');
      let at = 0;
      const cuts = pieces.slice(0, -1).map((p) => (at += p.length));
      expect(cuts, word).toEqual(icuCuts);
    }
  });
});
