import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/summarizer/document.ts';
import { sentenceSpans, splitSentences } from '../../src/summarizer/sentences.ts';
import { beginTermScan, codeUnitsOf, countWords, isWordCode, scanTerms, termIdOf, TokenFact, tokenIdOf, tokenTable, tokenTextOf, tokenize, type TermScan } from '../../src/summarizer/tokenize.ts';
import { STOPWORDS } from '../../src/summarizer/stopwords.ts';

const seed = readFileSync(new URL('../fixtures/summarizer/seed-clean.txt', import.meta.url), 'utf8');

describe('isWordCode', () => {
  it('agrees with \\p{L}\\p{N} on every UTF-16 code unit, surrogate halves excluded', () => {
    const letterOrDigit = /^[\p{L}\p{N}]$/u;
    const wrong: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const expected = !(code >= 0xd800 && code <= 0xdfff) && letterOrDigit.test(String.fromCharCode(code));
      if (isWordCode(code) !== expected) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });
});

describe('countWords', () => {
  it('counts words in a range without building tokens', () => {
    expect(countWords('one two, three!')).toBe(3);
    expect(countWords('one two, three!', 4)).toBe(2);
    expect(countWords('one two, three!', 0, 7)).toBe(2);
  });
});

describe('termIdOf', () => {
  it('gives inflections one stem id and stopwords none', () => {
    expect(termIdOf('ministers', STOPWORDS)).toBe(termIdOf('minister', STOPWORDS));
    expect(termIdOf('ministers', STOPWORDS)).toBeGreaterThanOrEqual(0);
    expect(termIdOf('markets', STOPWORDS)).not.toBe(termIdOf('minister', STOPWORDS));
    expect(termIdOf('said', STOPWORDS)).toBe(-1);
  });

  it('answers with a number while its table grows', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => termIdOf(`fresh${i.toString(36)}zz`, STOPWORDS));
    expect(ids.every((id) => Number.isInteger(id) && id >= 0)).toBe(true);
  });
});

/** scanTerms over the given ranges of one text, as one document. */
function termScan(text: string, ranges: readonly (readonly [number, number])[]): { scan: TermScan; firstWords: string[] } {
  const scan: TermScan = { terms: new Int32Array(1), count: 0, words: 0, vocabularySize: 0, firstTokens: new Int32Array(1), stamp: 0, asciiCapital: false };
  beginTermScan(scan);
  const codes = codeUnitsOf(text, text.length);
  const firstWords = ranges.map(([from, to]) => tokenTextOf(scanTerms(text, codes, from, to, scan)));
  return { scan, firstWords };
}

/** What scanTerms should give for the tokens of `text`: stems numbered by first appearance. */
function expectedTerms(tokens: readonly string[]): { terms: number[]; surface: string[] } {
  const numberOf = new Map<number, number>();
  const surface: string[] = [];
  const terms: number[] = [];
  for (const token of tokens) {
    const stemId = termIdOf(token, STOPWORDS);
    if (stemId < 0) continue;
    if (!numberOf.has(stemId)) {
      numberOf.set(stemId, surface.length);
      surface.push(token);
    }
    terms.push(numberOf.get(stemId)!);
  }
  return { terms, surface };
}

describe('scanTerms', () => {
  it('numbers content stems by first appearance, in any case and script, from any offset', () => {
    const texts = [
      'The ministers said the Minister MINISTERS would act; ministers acted.',
      'abc\ud800déf 😀 Ünïcode\udc00x ab', 'x', 'é', 'ok, DONE', 'Ça va? ΟΔΟΣ οδος  tail12 Straße STRASSE',
      'ÉCOLE école ΑΘΗΝΑ αθηνα 北京 😀 café-cafe',
    ];
    for (const text of texts) {
      for (let from = 0; from <= text.length; from++) {
        const tokens = tokenize(text.slice(from));
        const { scan, firstWords } = termScan(text, [[from, text.length]]);
        const { terms, surface } = expectedTerms(tokens);
        expect([...scan.terms.subarray(0, scan.count)]).toEqual(terms);
        expect([...scan.firstTokens.subarray(0, scan.vocabularySize)].map((key) => tokenTable().texts[tokenIdOf(key)])).toEqual(surface);
        expect(scan.words).toBe(tokens.length);
        expect(firstWords[0]).toBe(tokens[0] ?? '');
      }
    }
  });

  it('numbers across ranges as one document, and afresh in the next one', () => {
    const text = 'Markets fell. Traders said markets would rise.';
    const { scan, firstWords } = termScan(text, [[0, 13], [14, text.length]]);
    expect(firstWords).toEqual(['markets', 'traders']);
    expect([...scan.terms.subarray(0, scan.count)]).toEqual(expectedTerms(tokenize(text)).terms);
    const next = termScan('Rise, markets.', [[0, 14]]).scan;
    expect([...next.terms.subarray(0, next.count)]).toEqual([0, 1]);
  });

  it('keeps 50,000 distinct tokens apart while its table grows, and finds each again in any case', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `t${i.toString(36)}z${(i * 7919).toString(36)}`).join(' ');
    const lower = termScan(text, [[0, text.length]]).scan;
    const expected = expectedTerms(tokenize(text));
    expect(lower.vocabularySize).toBe(expected.surface.length);
    expect([...lower.terms.subarray(0, lower.count)]).toEqual(expected.terms);
    const upper = termScan(text.toUpperCase(), [[0, text.length]]).scan;
    expect([...upper.terms.subarray(0, upper.count)]).toEqual(expected.terms);
  });
});

describe('sentenceSpans', () => {
  it('locates exactly the sentences splitSentences returns', () => {
    const text = `${seed}\n\n  Padded line.  \n"Quoted. Still quoted." he said.Next one`;
    const { starts, ends, end } = sentenceSpans(text, Infinity);
    expect(starts.map((s, k) => text.slice(s, ends[k]))).toEqual(splitSentences(text));
    expect(end).toBe(text.length);
  });

  it('stops after the paragraph that reaches the limit', () => {
    const text = 'One. Two. Three.\nFour. Five.';
    const spans = sentenceSpans(text, 2);
    expect(spans.starts).toHaveLength(2);
    expect(spans.end).toBe(text.indexOf('\n'));
  });
});

describe('token table reset', () => {
  it('builds the same document model after the global table was reset', () => {
    const model = (): unknown => {
      const doc = buildDocument(seed);
      return { surface: doc.surface, words: doc.words, sentences: doc.sentences.map((s) => [s.firstWord, s.words, [...s.terms], [...s.uniqueTerms], [...s.termCounts]]) };
    };
    const before = model();
    // 250,000 distinct tokens overflow the table; the next document starts from a fresh one.
    for (let part = 0; part < 5; part++) {
      buildDocument(Array.from({ length: 50_000 }, (_, i) => `w${part}x${i.toString(36)}`).join(' '));
    }
    buildDocument('Reset now.');
    // Without a reset the table would now hold over 250,000 tokens.
    expect(tokenTable().texts.length).toBeLessThan(250_000);
    expect(model()).toEqual(before);
  });
});

describe('transient surface forms', () => {
  it('stay those of their own document when an ordinary build resets the token table', () => {
    const expected = buildDocument(seed).surface;
    const transient = buildDocument(seed, { transient: true });
    const firstForms = [0, 1, 2].map((term) => transient.surfaceOf(term));
    // Ordinary builds in between reuse the first-token buffer and overflow the token table.
    for (let part = 0; part < 5; part++) {
      buildDocument(Array.from({ length: 50_000 }, (_, i) => `v${part}y${i.toString(36)}`).join(' '));
    }
    expect(tokenTable().texts.length).toBeLessThan(250_000);
    expect(firstForms).toEqual(expected.slice(0, 3));
    expect(transient.surface).toEqual(expected);
    expect(transient.surfaceOf(expected.length - 1)).toBe(expected[expected.length - 1]);
  });
});

describe('surface letters', () => {
  it('flags each term whose surface form has a letter, digits-only forms not', () => {
    const doc = buildDocument('In 2024 the 123s and 123 rose. Über 42 costs 7x more, 2024 again.');
    const expected = doc.surface.map((form) => (/[a-z]|[^\x00-\x7f]/i.test(form) ? 1 : 0));
    expect([...doc.surfaceFacts.subarray(0, doc.vocabularySize)].map((facts) => facts & TokenFact.Letter)).toEqual(expected);
    expect(expected).toContain(0);
    expect(expected).toContain(1);
  });

  it('knows which surface forms are longer than two characters, in transient and ordinary documents', () => {
    const text = 'An ox ate 42 figs. İO ab ran 7 km; Öl is 12345 ok.';
    for (const transient of [true, false]) {
      const doc = buildDocument(text, { transient });
      buildDocument('Zebras 99 quickly jumped over 7 old fences.'); // an ordinary build reuses the scan's buffers
      const long = Array.from({ length: doc.vocabularySize }, (_, term) => (doc.surfaceFacts[term]! & TokenFact.Long) !== 0);
      const expected = Array.from({ length: doc.vocabularySize }, (_, term) => doc.surfaceOf(term).length > 2);
      expect(long).toEqual(expected);
      expect(expected).toContain(true);
      expect(expected).toContain(false);
    }
  });
});

describe('transient documents', () => {
  it('model the text like ordinary ones, and later transient builds leave ordinary documents intact', () => {
    const lists = (doc: ReturnType<typeof buildDocument>): unknown =>
      doc.sentences.map((s) => [s.text, [...s.terms], [...s.uniqueTerms], [...s.termCounts]]);
    const kept = buildDocument(seed);
    const expected = lists(kept);
    expect(lists(buildDocument(seed, { transient: true }))).toEqual(expected);
    buildDocument('Other words entirely. Markets fell, markets rose, traders shrugged.', { transient: true });
    expect(lists(kept)).toEqual(expected);
    // The flat arrays agree with the per-sentence views.
    const s = kept.sentences[1]!;
    expect([...kept.termData.subarray(kept.uniqueStart[1]!, kept.uniqueStart[2]!)]).toEqual([...s.uniqueTerms]);
    expect(kept.termData[kept.uniqueStart[1]! + kept.countOffset]).toBe(s.termCounts[0]);
    expect(kept.termStart[2]! - kept.termStart[1]!).toBe(s.terms.length);
  });

  it('keep their first words across ordinary builds and later transient builds leave ordinary ones', () => {
    const text = 'He left early. 42 people stayed. "Why?" they asked. Then silence.';
    const expected = ['he', '42', 'why', 'then'];
    const transient = buildDocument(text, { transient: true });
    const ordinary = buildDocument(text);
    expect(transient.sentences.map((s) => s.firstWord)).toEqual(expected);
    buildDocument('Zebras grazed quietly. Nobody came.', { transient: true });
    expect(ordinary.sentences.map((s) => s.firstWord)).toEqual(expected);
  });
});

describe('whether a document has ASCII capitals', () => {
  it('is told by the scan of the whole text', () => {
    expect(buildDocument('the market rose. Traders cheered.').hasAsciiCapital).toBe(true);
    expect(buildDocument('the market rose. traders cheered, café owners too. ÉÀÈ.').hasAsciiCapital).toBe(false);
    expect(buildDocument('').hasAsciiCapital).toBe(false);
  });

  it('sees a capital in a later chunk, paragraph or glued sentence', () => {
    expect(buildDocument(`${'word '.repeat(1_000)}then X.`).hasAsciiCapital).toBe(true);
    expect(buildDocument('first part.\n\nsecond part.While more').hasAsciiCapital).toBe(true);
  });

  it('is unknown when sentences past maxSentences were left out', () => {
    const text = 'one here. two here. three here. And Four.';
    expect(buildDocument(text, { maxSentences: 3 }).hasAsciiCapital).toBeNull();
    expect(buildDocument(text, { maxSentences: 5 }).hasAsciiCapital).toBe(true);
  });
});
