import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuoteSpans, findQuotes, isLowercaseText, keyQuotes } from '../../src/summarizer/quotes.ts';

// Text built from pieces that exercise the scanner: quote marks of every kind, newlines, names, cues.
const piece = fc.constantFrom('"', '“', '”', '„', '«', '»', "'", '\n', '\n\n', ' ', ',', '.', ' said ', ' he said', 'Mr. ', 'John Smith', 'Smith', ' according to ', 'we', 'the plan works', 'Gen. Li Shangfu');
const quoteyText = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

describe('findQuotes properties', () => {
  it('never throws on arbitrary strings, and every quote is a verbatim substring', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), quoteyText), (text) => {
        for (const q of findQuotes(text)) expect(text.includes(q.text)).toBe(true);
        for (const q of keyQuotes(text, 3)) expect(text.includes(q.text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('offsets point at the quote text and parts lie inside it, in document order', () => {
    fc.assert(
      fc.property(quoteyText, (text) => {
        let previousEnd = -1;
        for (const q of findQuoteSpans(text)) {
          expect(text.slice(q.start, q.end)).toBe(q.text);
          expect(q.start).toBeGreaterThan(previousEnd);
          previousEnd = q.end;
          for (const part of q.parts) {
            expect(part.start).toBeGreaterThanOrEqual(q.start);
            expect(part.end).toBeLessThanOrEqual(q.end);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('handles a large input with many unbalanced marks in linear-ish time', () => {
    const unit = 'Senator Jo Ray spoke. "Unclosed quote here, she said and then \n"A closed one," Ray said. “curly ” » « „ \n';
    const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const started = performance.now();
    const quotes = findQuotes(text);
    const elapsed = performance.now() - started;
    expect(quotes.length).toBeGreaterThan(1000);
    // Generous bound for a shared, loaded machine; the benchmark reports the real figure.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('isLowercaseText', () => {
  // The definition: under half a percent of the ASCII letters are capitals.
  const byDefinition = (text: string): boolean => {
    const letters = (text.match(/[A-Za-z]/g) ?? []).length;
    const capitals = (text.match(/[A-Z]/g) ?? []).length;
    return letters > 0 && capitals / letters < 0.005;
  };
  const mostlyLower = fc
    .array(fc.constantFrom('a', 'b', 'z', ' ', '.', 'é', '1', 'A', 'Q', 'Z', '\n'), { maxLength: 3000 })
    .chain((chars) => fc.array(fc.constantFrom('lower case words here ', 'x', ' '), { maxLength: 200 }).map((fill) => chars.join('') + fill.join('')));

  it('agrees with the definition on texts with few, many or no capitals', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), mostlyLower), (text) => {
        expect(isLowercaseText(text)).toBe(byDefinition(text));
      }),
      { numRuns: 300 },
    );
    expect(isLowercaseText('all lowercase text here')).toBe(true);
    expect(isLowercaseText(`${'word '.repeat(30)}Name`)).toBe(false);
    expect(isLowercaseText(`${'word '.repeat(1000)}Name`)).toBe(true);
    expect(isLowercaseText('123 ...')).toBe(false);
  });
});
