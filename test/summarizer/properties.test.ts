import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summarizer/sentences.ts';
import { summarize } from '../../src/summarizer/summarize.ts';

const newsy = fc.array(
  fc.oneof(
    fc.constantFrom('Mr.', 'U.S.', 'e.g.', '3.5', '"', '“', '”', '—', '...', '?', '!', '.', '\n', ' ', 'He', 'said', 'the', 'gift.While', '<p>', '</b>', '😀', '北京', 'été', 'J.'),
    fc.string({ maxLength: 12 }),
  ),
  { maxLength: 80 },
).map((parts) => parts.join(' '));

const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), newsy);

describe('summarizer properties', () => {
  it('splitSentences returns trimmed, non-empty, verbatim pieces in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let from = 0;
        for (const sentence of splitSentences(text)) {
          expect(sentence).toBe(sentence.trim());
          expect(sentence).not.toBe('');
          const at = text.indexOf(sentence, from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + sentence.length;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('summarize never throws, returns verbatim sentences, and stays within its bounds', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), (text, sentences, maxWords) => {
        const summary = summarize(text, maxWords === undefined ? { sentences } : { sentences, maxWords });
        const all = splitSentences(text);
        expect(summary.sentences.length).toBeLessThanOrEqual(sentences);
        for (const sentence of summary.sentences) expect(all).toContain(sentence);
        if (maxWords !== undefined) expect(summary.summaryWords).toBeLessThanOrEqual(maxWords);
        expect(summary.headline.length).toBeLessThanOrEqual(101);
        expect(summary.ratio).toBeGreaterThanOrEqual(0);
        expect(summary.ratio).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('handles empty, whitespace, HTML, emoji and one 100,000-word sentence', () => {
    for (const text of ['', '   \n\t', '<html><body><p>Hi.</p></body></html>', '😀😀😀 🎉', 'word '.repeat(100_000)]) {
      const summary = summarize(text);
      expect(summary.sentences.length).toBeLessThanOrEqual(3);
      for (const sentence of summary.sentences) expect(text).toContain(sentence);
    }
  });

  it('summarizes a 10 MB input in well under the 2 s budget', () => {
    const paragraph = 'The council met on Monday. Mr. Li said the U.S. plan "works. It is stable." Prices rose 3.5 percent.\n';
    const text = paragraph.repeat(Math.ceil(10_000_000 / paragraph.length));
    const started = performance.now();
    const summary = summarize(text);
    const elapsed = performance.now() - started;
    expect(summary.sentences.length).toBe(3);
    expect(elapsed).toBeLessThan(4_000); // target 2 s; slack for a shared 2-core machine (the speed bench measures it)
  });
});
