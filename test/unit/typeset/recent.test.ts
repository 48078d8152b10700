// The exporters' bounded memo (src/exporters/shared/recent.ts): memory levels off, and what is in use stays.
import { describe, expect, it } from 'vitest';
import { Recent, recentIn } from '../../../src/typeset/recent.js';

describe('Recent', () => {
  it('forgets what was not used within two generations', () => {
    const memo = new Recent<number, number>(3);
    for (let i = 0; i < 10; i++) memo.set(i, i * i);
    expect(memo.get(0)).toBeUndefined();
    expect(memo.get(5)).toBeUndefined();
    expect(memo.get(9)).toBe(81);
    expect(memo.get(6)).toBe(36);
  });

  it('keeps a key that goes on being used, however many others pass through', () => {
    const memo = new Recent<string, string>(100);
    memo.set('the', 'hot');
    for (let i = 0; i < 100_000; i++) {
      memo.set(`word ${i}`, 'cold');
      if (i % 50 === 0) expect(memo.get('the')).toBe('hot');
    }
    expect(memo.get('word 0')).toBeUndefined();
  });

  it('makes a value once while it is kept, and again once it is forgotten', () => {
    const memo = new Recent<string, number>(2);
    let made = 0;
    const make = () => ++made;
    expect([memo.obtain('a', make), memo.obtain('a', make)]).toEqual([1, 1]);
    for (const k of ['b', 'c', 'd', 'e']) memo.obtain(k, make);
    expect(memo.obtain('a', make)).toBe(6);
  });

  it('keeps one memo per key of a map of memos', () => {
    const memos = new Map<string, Recent<string, string>>();
    const regular = recentIn(memos, 'regular', 10);
    expect(recentIn(memos, 'regular', 10)).toBe(regular);
    expect(recentIn(memos, 'bold', 10)).not.toBe(regular);
    expect([...memos.keys()]).toEqual(['regular', 'bold']);
  });
});
