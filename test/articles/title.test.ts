import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../src/articles/title.ts';

describe('deriveTitle', () => {
  it('uses the first sentence of the first paragraph', () => {
    expect(deriveTitle('Putin met China\'s defense minister. More text follows.\nSecond paragraph.')).toBe("Putin met China's defense minister");
  });

  it('keeps the full stop of an abbreviation or initial', () => {
    expect(deriveTitle('Talks resume in the U.S.')).toBe('Talks resume in the U.S.');
  });

  it('ends a long first sentence at its main clause when that is long enough to stand alone', () => {
    const seed = "Russian President Vladimir Putin met with China's defense minister on Sunday, underscoring Beijing's strengthening engagement with Moscow.";
    expect(deriveTitle(seed)).toBe("Russian President Vladimir Putin met with China's defense minister on Sunday");
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const long = 'Officials in the northern province announced on Monday a sweeping plan to rebuild every bridge damaged in the spring floods before winter';
    const title = deriveTitle(long);
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long.charAt(title.length - 1)).toBe(' ');
  });

  it('does not split at abbreviations without a following space', () => {
    expect(deriveTitle('Prices rose 3.5% in May, data showed')).toBe('Prices rose 3.5% in May, data showed');
  });

  it('skips blank lines and falls back for empty text', () => {
    expect(deriveTitle('\n  \nShort headline here')).toBe('Short headline here');
    expect(deriveTitle('')).toBe('Untitled article');
  });

  it('cuts an unspaced giant word hard rather than returning nothing', () => {
    const title = deriveTitle('x'.repeat(300));
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.length).toBeGreaterThan(50);
  });
});
