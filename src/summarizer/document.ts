import { sentenceSpans } from './sentences.ts';
import { beginTermScan, codeUnitsOf, countWords, scanTerms, tokenIdOf, tokenTable, tokenTextOf, type TermScan } from './tokenize.ts';

/** One sentence, analysed once; rankers only read it. */
export interface Sentence {
  /** Verbatim text. */
  readonly text: string;
  /** Position in the document, from 0. */
  readonly index: number;
  /** Number of word tokens. */
  readonly words: number;
  /** Content-word term ids (stopwords removed, stemmed), with repeats, in order. */
  readonly terms: Int32Array;
  /** Distinct content term ids, ascending, with their counts in `termCounts`. */
  readonly uniqueTerms: Int32Array;
  readonly termCounts: Int32Array;
  /** Lowercased first word token ('' when none): used to spot dangling openers ("He said..."). */
  readonly firstWord: string;
}

export interface Document {
  readonly sentences: readonly Sentence[];
  /** Number of distinct content terms; term ids are 0..vocabularySize-1. */
  readonly vocabularySize: number;
  /**
   * For each term id, a surface form seen in the text (its first lowercase token); a transient
   * document makes this array on first read (see surfaceOf).
   */
  readonly surface: readonly string[];
  /** The surface form of one term (as surface[term]), without making the whole array. */
  surfaceOf(term: number): string;
  /**
   * For each term id, at [0, vocabularySize), facts of its surface form as TokenFact bits (has a
   * letter, is longer than two characters), read with a mask: the other bits are no facts. They
   * come from the scan, so rankers need not read the forms (strings scattered in memory).
   */
  readonly surfaceFacts: Int32Array;
  /** Total word tokens of the text. */
  readonly words: number;
  /**
   * Whether the text has an ASCII capital letter (A-Z), when the model read all of it (null when
   * sentences past maxSentences were left out): lets key quotes skip looking for capitals again.
   */
  readonly hasAsciiCapital: boolean | null;
  /**
   * The sentences' term lists in one flat array, for hot loops (the per-sentence arrays are views
   * made on first read): sentence i's terms are termData[termStart[i], termStart[i + 1]), its
   * distinct terms termData[uniqueStart[i], uniqueStart[i + 1]), the count of the distinct term at
   * k being termData[k + countOffset].
   */
  readonly termData: Int32Array;
  readonly termStart: Int32Array;
  readonly uniqueStart: Int32Array;
  readonly countOffset: number;
}

/**
 * The token texts a document shows: its terms' surface forms and its sentences' first words, read
 * from the token table by token key, on demand for a transient document (a summary reads only its
 * few keywords' forms and its picked sentences' first words). They are copied out before anything
 * can change what they are read from: at once for an ordinary document, and for a transient one at
 * the next build of an ordinary document (which may reset the token table). A later transient
 * build ends the transient document's life anyway (it reuses its buffers), so its texts are then
 * never copied.
 */
class SurfaceForms {
  #forms: string[] | null = null;
  #firstWords: string[] | null = null;

  /** `firstTokens`: each term's first token key (see TermScan); `firstWordKeys`: each sentence's first token key (0 for none). */
  constructor(
    private readonly firstTokens: Int32Array,
    private readonly count: number,
    private readonly firstWordKeys: Int32Array,
    private readonly sentenceCount: number,
  ) {}

  of(term: number): string {
    if (this.#forms !== null) return this.#forms[term] ?? '';
    return term >= 0 && term < this.count ? tokenTable().texts[tokenIdOf(this.firstTokens[term]!)]! : '';
  }

  firstWord(index: number): string {
    if (this.#firstWords !== null) return this.#firstWords[index] ?? '';
    return index >= 0 && index < this.sentenceCount ? tokenTextOf(this.firstWordKeys[index]!) : '';
  }

  /** Copies out every text, so the document no longer depends on the token table or the scan's buffers. */
  keep(): void {
    this.all();
    if (this.#firstWords === null) {
      const words = new Array<string>(this.sentenceCount);
      for (let index = 0; index < this.sentenceCount; index++) words[index] = tokenTextOf(this.firstWordKeys[index]!);
      this.#firstWords = words;
    }
  }

  all(): string[] {
    if (this.#forms === null) {
      const { texts } = tokenTable();
      const forms = new Array<string>(this.count);
      for (let term = 0; term < this.count; term++) forms[term] = texts[tokenIdOf(this.firstTokens[term]!)]!;
      this.#forms = forms;
    }
    return this.#forms;
  }
}

/** The token texts of the last transient document, still read from the token table (null when none). */
let lazySurfaceForms: SurfaceForms | null = null;

/** The document model; `surface` is an accessor shared by all documents (see SurfaceForms). */
class ModelDocument implements Document {
  readonly sentences: Sentence[] = [];

  constructor(
    readonly vocabularySize: number,
    private readonly surfaceForms: SurfaceForms,
    readonly surfaceFacts: Int32Array,
    readonly words: number,
    readonly hasAsciiCapital: boolean | null,
    readonly termData: Int32Array,
    readonly termStart: Int32Array,
    readonly uniqueStart: Int32Array,
    readonly countOffset: number,
    private readonly source: string,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {}

  /** The text of sentence `index` (a fresh slice). */
  textOf(index: number): string {
    return this.source.slice(this.starts[index]!, this.ends[index]!);
  }

  get surface(): readonly string[] {
    return this.surfaceForms.all();
  }

  surfaceOf(term: number): string {
    return this.surfaceForms.of(term);
  }

  /** The first word of sentence `index` (see Sentence.firstWord). */
  firstWordOf(index: number): string {
    return this.surfaceForms.firstWord(index);
  }
}

/** A sentence of the model: text and term arrays are made on first read (most are never read). */
class ModelSentence implements Sentence {
  #text: string | null = null;
  #terms: Int32Array | null = null;
  #uniqueTerms: Int32Array | null = null;
  #termCounts: Int32Array | null = null;

  /** Offsets are kept by the document: a sentence object stays small (a document makes one per sentence). */
  constructor(
    readonly index: number,
    readonly words: number,
    private readonly doc: ModelDocument,
  ) {}

  get firstWord(): string {
    return this.doc.firstWordOf(this.index);
  }

  get text(): string {
    return (this.#text ??= this.doc.textOf(this.index));
  }

  get terms(): Int32Array {
    const { termData, termStart } = this.doc;
    return (this.#terms ??= termData.subarray(termStart[this.index]!, termStart[this.index + 1]!));
  }

  get uniqueTerms(): Int32Array {
    const { termData, uniqueStart } = this.doc;
    return (this.#uniqueTerms ??= termData.subarray(uniqueStart[this.index]!, uniqueStart[this.index + 1]!));
  }

  get termCounts(): Int32Array {
    const { termData, uniqueStart, countOffset } = this.doc;
    return (this.#termCounts ??= termData.subarray(uniqueStart[this.index]! + countOffset, uniqueStart[this.index + 1]! + countOffset));
  }
}

export interface DocumentOptions {
  /** Only the first `maxSentences` sentences are analysed (caps work on huge inputs). */
  readonly maxSentences?: number;
  /**
   * The caller reads the model only until the next transient build (as `summarize` does): its
   * term arrays then live in buffers reused by that build instead of fresh allocations.
   */
  readonly transient?: boolean;
}

/** The scan's term and first-token buffers (an ordinary document copies out what it keeps), reused. */
let termScratch: Int32Array = new Int32Array(4096);
let firstTokenScratch: Int32Array = new Int32Array(1024);
/** Per sentence, its word count, and the number of terms seen before it: its first new term (scratch). */
let wordScratch = new Int32Array(512);
let firstNewTermScratch = new Int32Array(512);
/** Per sentence, the key of its first token: an ordinary document's (scratch), the last transient document's. */
let firstWordScratch = new Int32Array(512);
let transientFirstWords = new Int32Array(512);
/**
 * Per term number, the last sentence that counted it (by a stamp that grows across documents, so
 * the array is never cleared) and its count there.
 */
let countedIn = new Int32Array(1024);
let countOf = new Int32Array(1024);
let sentenceStamp = 0;
/** Buffers of the last transient document (see DocumentOptions.transient). */
let transientTermData: Int32Array = new Int32Array(3 * 4096);
let transientTermStart = new Int32Array(512);
let transientUniqueStart = new Int32Array(512);
/** The first-token keys of the last transient document: its surface forms and facts (see TermScan.firstTokens). */
let transientFirstTokens: Int32Array = new Int32Array(1024);

/** A scratch array of at least `length` entries: `current` or a larger replacement. */
function atLeast(current: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  return current.length >= length ? current : new Int32Array(2 * length);
}

/** Sorts values[from, to) ascending; insertion sort for the short runs sentences have. */
function sortRange(values: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= from && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * Writes the distinct terms of each sentence, ascending, after the `n` sentences' terms in
 * `termData` (at uniqueStart[i], from termStart[n] on), each with its count termStart[n] entries
 * further on. The terms first seen in sentence i are exactly firstNewTerm[i]..firstNewTerm[i + 1] - 1,
 * larger than every earlier term: only the earlier ones need sorting.
 */
function countDistinctTerms(termData: Int32Array, termStart: Int32Array, firstNewTerm: Int32Array, n: number, vocabularySize: number, uniqueStart: Int32Array): void {
  if (countedIn.length < vocabularySize) {
    countedIn = new Int32Array(2 * vocabularySize);
    countOf = new Int32Array(2 * vocabularySize);
  }
  if (sentenceStamp + n >= 0x7fff_fff0) {
    countedIn.fill(0);
    sentenceStamp = 0;
  }
  const counted = countedIn;
  const counts = countOf;
  const countOffset = termStart[n]!;
  let uniqueCount = countOffset;
  for (let index = 0; index < n; index++) {
    uniqueStart[index] = uniqueCount;
    const stamp = ++sentenceStamp;
    const firstNew = firstNewTerm[index]!;
    let write = uniqueCount;
    for (let k = termStart[index]!, last = termStart[index + 1]!; k < last; k++) {
      const term = termData[k]!;
      if (counted[term] !== stamp) {
        counted[term] = stamp;
        counts[term] = 1;
        // Branch-free: an earlier term is kept, a new one overwritten (it is appended below).
        termData[write] = term;
        write += (term - firstNew) >>> 31;
      } else {
        counts[term]! += 1;
      }
    }
    sortRange(termData, uniqueCount, write);
    for (let k = uniqueCount; k < write; k++) termData[k + countOffset] = counts[termData[k]!]!;
    for (let term = firstNew, last = firstNewTerm[index + 1]!; term < last; term++, write++) {
      termData[write] = term;
      termData[write + countOffset] = counts[term]!;
    }
    uniqueCount = write;
  }
  uniqueStart[n] = uniqueCount;
}

/** Builds the immutable document model: sentences, tokens, stems, term ids. */
export function buildDocument(text: string, options: DocumentOptions = {}): Document {
  const transient = options.transient === true;
  // The last transient document may still be read while an ordinary one is built (see SurfaceForms).
  if (!transient) lazySurfaceForms?.keep();
  lazySurfaceForms = null;
  const { starts, ends, end } = sentenceSpans(text, options.maxSentences ?? Infinity);
  const n = starts.length;
  // Content terms of every sentence, in one buffer, read in place from the text (a transient
  // document scans them straight into its reused term buffer).
  const scan: TermScan = {
    terms: transient ? transientTermData : termScratch,
    count: 0,
    words: 0,
    vocabularySize: 0,
    firstTokens: transient ? transientFirstTokens : firstTokenScratch,
    stamp: 0,
    asciiCapital: false,
  };
  beginTermScan(scan);
  let termStart: Int32Array;
  let uniqueStart: Int32Array;
  if (transient) {
    termStart = transientTermStart = atLeast(transientTermStart, n + 1);
    uniqueStart = transientUniqueStart = atLeast(transientUniqueStart, n + 1);
  } else {
    termStart = new Int32Array(n + 1);
    uniqueStart = new Int32Array(n + 1);
  }
  wordScratch = atLeast(wordScratch, n);
  firstNewTermScratch = atLeast(firstNewTermScratch, n + 1);
  const wordCounts = wordScratch;
  const firstNewTerm = firstNewTermScratch;
  let firstWords: Int32Array;
  if (transient) firstWords = transientFirstWords = atLeast(transientFirstWords, n);
  else firstWords = firstWordScratch = atLeast(firstWordScratch, n);
  const codes = codeUnitsOf(text, n > 0 ? ends[n - 1]! : 0);
  for (let index = 0; index < n; index++) {
    termStart[index] = scan.count;
    firstNewTerm[index] = scan.vocabularySize;
    const before = scan.words;
    firstWords[index] = scanTerms(text, codes, starts[index]!, ends[index]!, scan);
    wordCounts[index] = scan.words - before;
  }
  const termCount = scan.count;
  termStart[n] = termCount;
  firstNewTerm[n] = scan.vocabularySize;
  if (transient) transientFirstTokens = scan.firstTokens;
  else firstTokenScratch = scan.firstTokens;

  // Each term's surface form is the text of its first token.
  const vocabularySize = scan.vocabularySize;
  const surfaceForms = new SurfaceForms(scan.firstTokens, vocabularySize, firstWords, n);
  if (transient) lazySurfaceForms = surfaceForms;
  else surfaceForms.keep();
  // The facts are the low bits of the first tokens' keys: a transient document reads them in place
  // (the next transient build ends its life; an ordinary build scans into another buffer).
  const surfaceFacts = transient ? scan.firstTokens : scan.firstTokens.slice(0, vocabularySize);

  // One array for all term lists: terms, then distinct terms, then their counts, each part as
  // long as the term count (an upper bound), so distinct terms are written in place.
  let termData: Int32Array;
  if (transient && scan.terms.length >= 3 * termCount) {
    termData = scan.terms; // stale entries past the terms are overwritten before they are read
  } else {
    termData = new Int32Array(transient ? 6 * termCount : 3 * termCount);
    termData.set(scan.terms.subarray(0, termCount));
  }
  if (transient) transientTermData = termData;
  else termScratch = scan.terms;
  countDistinctTerms(termData, termStart, firstNewTerm, n, vocabularySize, uniqueStart);

  let totalWords = scan.words;
  if (end < text.length) totalWords += countWords(text, end, text.length);
  // Between and around sentences there is only whitespace, so the scan saw every letter when the
  // split reached the end and kept every sentence (a split stopped by maxSentences may drop some).
  const wholeText = end >= text.length && n < (options.maxSentences ?? Infinity);
  const hasAsciiCapital = wholeText ? scan.asciiCapital : null;
  const doc = new ModelDocument(vocabularySize, surfaceForms, surfaceFacts, totalWords, hasAsciiCapital, termData, termStart, uniqueStart, termCount, text, starts, ends);
  const sentences = doc.sentences;
  for (let index = 0; index < n; index++) {
    sentences[index] = new ModelSentence(index, wordCounts[index]!, doc);
  }
  return doc;
}
