import { describe, expect, it } from 'vitest';
import { isWhitespaceCode } from '../../src/summarizer/chars.ts';

describe('isWhitespaceCode', () => {
  it('matches RegExp \\s and String#trim on every UTF-16 code unit', () => {
    const mismatches: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const expected = /\s/.test(char);
      if (isWhitespaceCode(code) !== expected || (char.trim() === '') !== expected) mismatches.push(code);
    }
    expect(mismatches).toEqual([]);
  });
});
