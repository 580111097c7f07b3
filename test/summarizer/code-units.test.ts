import { describe, expect, it } from 'vitest';
import { CodeUnitCopier, firstWideCharacter, MAX_COPIED_UNITS, nextCodeUnit } from '../../src/summarizer/code-units.ts';

describe('firstWideCharacter', () => {
  it('finds the first character past Latin-1, or none', () => {
    expect(firstWideCharacter('plain ascii, café, «guillemets»')).toBe(-1);
    expect(firstWideCharacter('')).toBe(-1);
    expect(firstWideCharacter('say “hi”')).toBe(4);
    expect(firstWideCharacter('😀 first')).toBe(0);
  });
});

/** The code units of text[from...], failing the test when they are not copied. */
function copied(copier: CodeUnitCopier, text: string, from: number): Buffer {
  const units = copier.copy(text, from);
  if (units === null) throw new Error('not copied');
  return units;
}

describe('nextCodeUnit', () => {
  it('finds a code unit by its two bytes, never across two units', () => {
    // U+1C20 then U+201C: bytes 20 1c 1c 20, where 1c 20 also appears at an odd offset.
    const units = copied(new CodeUnitCopier(), 'a\u1c20\u201c b \u201c', 0);
    expect(nextCodeUnit(units, 0x201c, 0)).toBe(4);
    expect(nextCodeUnit(units, 0x201c, 5)).toBe(12);
    expect(nextCodeUnit(units, 0x201d, 0)).toBe(-1);
  });
});

describe('CodeUnitCopier', () => {
  it('copies a text tail into one reused buffer, and leaves a tail too long to copy', () => {
    const copier = new CodeUnitCopier();
    const first = copied(copier, 'xx“a”', 2);
    expect(first.toString('utf16le')).toBe('“a”');
    const second = copied(copier, '“b', 0);
    expect(second.buffer).toBe(first.buffer);
    const long = `“${'w'.repeat(MAX_COPIED_UNITS)}”`;
    expect(copier.copy(long, 0)).toBeNull();
    expect(copied(copier, long, 2).toString('utf16le')).toBe(long.slice(2));
  });
});
