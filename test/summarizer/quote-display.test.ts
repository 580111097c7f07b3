import { describe, expect, it } from 'vitest';
import { quoteForDisplay } from '../../src/summarizer/quote-display.ts';

describe('quoteForDisplay', () => {
  it('drops the comma or colon that led into the attribution', () => {
    expect(quoteForDisplay('and in the air, ')).toBe('and in the air');
    expect(quoteForDisplay('We will win:')).toBe('We will win');
  });

  it('keeps closing sentence punctuation and every word', () => {
    expect(quoteForDisplay('They are very stable.')).toBe('They are very stable.');
    expect(quoteForDisplay('Why now?')).toBe('Why now?');
  });
});
