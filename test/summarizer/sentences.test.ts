import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summarizer/sentences.ts';

const seed = readFileSync(new URL('../fixtures/summarizer/seed-clean.txt', import.meta.url), 'utf8');

describe('splitSentences on the seed article', () => {
  const sentences = splitSentences(seed);

  it('keeps titles and U.S. inside their sentences', () => {
    expect(sentences).toContain(
      'Putin and Russian Defense Minister Sergei Shoigu met with Gen. Li Shangfu less than a month after Chinese leader Xi Jinping held a three-day state visit to Moscow.',
    );
    expect(sentences).toContain(
      "But China's foreign minister said last week that China wouldn't be helping Russia with weapons, as the U.S. and other Western allies have feared.",
    );
  });

  it('does not split inside a quotation that spans two sentences', () => {
    expect(sentences.at(-1)).toBe(
      'Li said that the countries\' relations "outperform the military-political unions of the Cold War era. They rest on the principles of nonalignment, and are very stable."',
    );
  });

  it('splits paragraphs and sentences into the expected count, all verbatim', () => {
    expect(sentences).toHaveLength(9);
    for (const sentence of sentences) expect(seed).toContain(sentence);
  });
});

describe('splitSentences on news cases', () => {
  it('splits sentences glued without a space', () => {
    expect(splitSentences('Taylor Swift gave Bianka Bryant a very special gift.While performing, she smiled.')).toEqual([
      'Taylor Swift gave Bianka Bryant a very special gift.',
      'While performing, she smiled.',
    ]);
  });

  it('keeps initials, decimals, e.g. and a.m. inside the sentence', () => {
    expect(splitSentences('J. K. Rowling sold 3.5 million copies, e.g. in Britain. It opened at 9 a.m. on Monday.')).toEqual([
      'J. K. Rowling sold 3.5 million copies, e.g. in Britain.',
      'It opened at 9 a.m. on Monday.',
    ]);
  });

  it('ends a sentence at an abbreviation when a sentence opener follows', () => {
    expect(splitSentences('He moved to the U.S. He was happy there.')).toEqual(['He moved to the U.S.', 'He was happy there.']);
  });

  it('tells abbreviations from words that end like them', () => {
    expect(splitSentences('Hers. Then Mrs. Lee came on Wed. The shop at St. Ives sold Corp. It closed. Kings. Jr. is here.')).toEqual([
      'Hers.',
      'Then Mrs. Lee came on Wed.',
      'The shop at St. Ives sold Corp.',
      'It closed.',
      'Kings.',
      'Jr. is here.',
    ]);
  });

  it('works on lowercase text', () => {
    expect(splitSentences('the u.s. and china met. mr. smith said so. it was 3.5 percent.')).toEqual([
      'the u.s. and china met.',
      'mr. smith said so.',
      'it was 3.5 percent.',
    ]);
  });

  it('works on ALL-CAPS text', () => {
    expect(splitSentences('MR. SMITH WENT TO WASHINGTON. HE SAID NO! WHY?')).toEqual([
      'MR. SMITH WENT TO WASHINGTON.',
      'HE SAID NO!',
      'WHY?',
    ]);
  });

  it('keeps dashes and a quoted question followed by its attribution', () => {
    expect(splitSentences('LOS ANGELES — More than half a year in, it held. "Why?" he asked. She left -- quickly.')).toEqual([
      'LOS ANGELES — More than half a year in, it held.',
      '"Why?" he asked.',
      'She left -- quickly.',
    ]);
  });

  it('recovers from a quotation that never closes (quote continued in the next paragraph)', () => {
    expect(splitSentences('"This win helps me. I can hope for more. "I wanted it badly," she said.')).toEqual([
      '"This win helps me.',
      'I can hope for more.',
      '"I wanted it badly," she said.',
    ]);
  });

  it('treats each line as its own paragraph and drops blank lines', () => {
    expect(splitSentences('First line\n\n  Second one. Third one.  \n')).toEqual(['First line', 'Second one.', 'Third one.']);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t \n')).toEqual([]);
  });
});

describe('curly quotations', () => {
  const quoted = '\u201cI came. I saw.\u201d She left.';
  const expected = ['\u201cI came. I saw.\u201d', 'She left.'];

  it('keep their sentence marks inside, wherever the text turns two-byte, in short or long texts', () => {
    expect(splitSentences(quoted)).toEqual(expected);
    // Characters whose code units hold a quote's low byte (0x1c, 0x1d) but are no quotes.
    const decoys = 'Decoys \u011c \u1c20 \u1d1c \u1c1c here.';
    expect(splitSentences(`${decoys} ${quoted}`)).toEqual([decoys, ...expected]);
    for (const before of ['', 'Plain text here.', 'Caf\u00e9 here.', 'It\u2019s here.', decoys, `${'Word. '.repeat(12_000)}It\u2019s long.`, `It\u2019s first. ${'Word. '.repeat(12_000)}`]) {
      const paragraph = before === '' ? [] : splitSentences(before);
      expect(splitSentences(`${before}\n${quoted}`)).toEqual([...paragraph, ...expected]);
      expect(splitSentences(`${before}\n${quoted} ${quoted}\n${quoted}`)).toEqual([...paragraph, ...expected, ...expected, ...expected]);
    }
    // A paragraph split in windows of 200,000 characters.
    const huge = `${'Word. '.repeat(40_000)}It\u2019s long. ${quoted} ${quoted}`;
    expect(splitSentences(huge).slice(-5)).toEqual(['It\u2019s long.', ...expected, ...expected]);
  });
});
