import { describe, expect, it } from 'vitest';
import { CodeUnitCopier, firstWideCharacter, nextCodeUnit } from '../../src/summarizer/code-units.ts';

describe('firstWideCharacter', () => {
  it('finds the first character past Latin-1, or none', () => {
    expect(firstWideCharacter('plain ascii, café, «guillemets»')).toBe(-1);
    expect(firstWideCharacter('')).toBe(-1);
    expect(firstWideCharacter('say “hi”')).toBe(4);
    expect(firstWideCharacter('😀 first')).toBe(0);
  });
});

describe('nextCodeUnit', () => {
  it('finds a code unit by its two bytes, never across two units', () => {
    // U+1C20 then U+201C: bytes 20 1c 1c 20, where 1c 20 also appears at an odd offset.
    const units = new CodeUnitCopier().copy('a\u1c20\u201c b \u201c', 0);
    expect(nextCodeUnit(units, 0x201c, 0)).toBe(4);
    expect(nextCodeUnit(units, 0x201c, 5)).toBe(12);
    expect(nextCodeUnit(units, 0x201d, 0)).toBe(-1);
  });
});

describe('CodeUnitCopier', () => {
  it('copies a text tail, reusing its buffer for short texts and not for long ones', () => {
    const copier = new CodeUnitCopier();
    const first = copier.copy('xx“a”', 2);
    expect(first.toString('utf16le')).toBe('“a”');
    const second = copier.copy('“b', 0);
    expect(second.buffer).toBe(first.buffer);
    const long = `${'w'.repeat(70_000)}“end”`;
    const copied = copier.copy(long, 1);
    expect(copied.toString('utf16le')).toBe(long.slice(1));
    expect(copied.buffer).not.toBe(first.buffer);
  });
});
