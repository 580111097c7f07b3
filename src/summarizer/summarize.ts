import { buildDocument, type Document, type Sentence } from './document.ts';
import { isWhitespaceCode } from './chars.ts';
import { keyQuotes, type TextFacts } from './quotes.ts';
import { TokenFact } from './tokenize.ts';
import { briefbotRanker, transientRanking, type Ranker, type TransientRanking } from './rank.ts';
import type { Quote, Summary, SummaryLength, SummaryOptions } from './types.ts';

/** Sentences analysed at most: ranking is quadratic, so huge inputs are summarized from their opening. */
export const MAX_RANKED_SENTENCES = 400;

const SENTENCES_FOR_LENGTH: Readonly<Record<SummaryLength, number>> = { tldr: 1, short: 3, long: 7 };

/** Two summary sentences more similar than this (content-term cosine) say the same thing. */
const REDUNDANCY_LIMIT = 0.6;

/** Opening words that lean on an earlier sentence ("He said...", "However, ..."). */
const DANGLING_OPENERS = new Set([
  'he', 'she', 'it', 'they', 'them', 'his', 'her', 'hers', 'its', 'their', 'theirs', 'him',
  'this', 'these', 'those', 'that', 'such', 'there', 'however', 'but', 'and', 'also', 'so', 'yet',
  'meanwhile', 'still', 'instead', 'nevertheless', 'nonetheless', 'moreover', 'furthermore',
  'besides', 'then', 'thus', 'therefore', 'hence', 'otherwise', 'likewise', 'similarly', 'or',
  'nor', 'both', 'neither', 'later', 'afterwards', 'consequently', 'indeed', 'accordingly',
]);

const HEADLINE_MAX = 100;
const KEYWORD_COUNT = 6;

/** The ranking of a document without sentences. */
const NO_RANKING: TransientRanking = {
  scores: new Float64Array(0),
  leadWeightedCounts: new Float64Array(0),
  wordedTerms: new Int32Array(0),
};

/** Facts for key quotes (shared: no object per summary). NO_CAPITALS also holds for the part quoteScope keeps. */
const NO_CAPITALS: TextFacts = { hasAsciiCapital: false };
const UNKNOWN_FACTS: TextFacts = {};

/** How summarize models a text: capped, transient (see DocumentOptions). */
const SUMMARY_MODEL = { maxSentences: MAX_RANKED_SENTENCES, transient: true } as const;

export function summarize(cleanText: string, options: SummaryOptions = {}): Summary {
  return summarizeWith(briefbotRanker, cleanText, options);
}

export function summarizeWith(ranker: Ranker, cleanText: string, options: SummaryOptions = {}): Summary {
  // Transient: the model is read only within this call (rankers must not keep it).
  const doc = buildDocument(cleanText, SUMMARY_MODEL);
  const { scores, leadWeightedCounts, wordedTerms } = doc.sentences.length > 0 ? transientRanking(ranker, doc) : NO_RANKING;
  const wanted = wantedSentences(options, doc.sentences.length);
  const informative = informativeSentences(wordedTerms, doc.sentences.length);
  const order = rankOrder(scores, informative, doc.sentences.length);
  const chosen = selectSentences(doc, order, wanted, options.maxWords);
  const sentences = chosen.map((sentence) => sentence.text);
  const summaryWords = chosen.reduce((sum, sentence) => sum + sentence.words, 0);
  const headline = headlineOf(doc, order, scores, informative);
  const keywords = keywordsOf(doc, leadWeightedCounts);
  const ratio = doc.words === 0 ? 0 : summaryWords / doc.words;
  // A text without capitals (a lowercase feed) is known as such: key quotes need not look again.
  const textFacts: TextFacts = doc.hasAsciiCapital === false ? NO_CAPITALS : UNKNOWN_FACTS;
  return new SummaryWithLazyQuotes(headline, sentences, keywords, cleanText, textFacts, doc.words, summaryWords, ratio);
}

/**
 * A summary whose key quotes are found on first read (then kept): callers that only show sentences
 * skip that scan. `quotes` is an own enumerable property like the others (spread and JSON keep
 * it, in the same place), an accessor shared by every summary: an accessor in an object literal
 * is a fresh closure each time, which V8 defines through the runtime (~0.4 us a summary).
 */
class SummaryWithLazyQuotes implements Summary {
  declare readonly headline: string;
  declare readonly sentences: readonly string[];
  declare readonly keywords: readonly string[];
  declare readonly quotes: readonly Quote[];
  declare readonly articleWords: number;
  declare readonly summaryWords: number;
  declare readonly ratio: number;
  readonly #text: string;
  readonly #textFacts: TextFacts;
  #quotes: readonly Quote[] | undefined = undefined;

  static readonly #quotesProperty: PropertyDescriptor = {
    get(this: SummaryWithLazyQuotes): readonly Quote[] {
      return (this.#quotes ??= keyQuotes(quoteScope(this.#text), 3, this.#textFacts));
    },
    enumerable: true,
    configurable: true,
  };

  constructor(
    headline: string,
    sentences: readonly string[],
    keywords: readonly string[],
    text: string,
    textFacts: TextFacts,
    articleWords: number,
    summaryWords: number,
    ratio: number,
  ) {
    this.#text = text;
    this.#textFacts = textFacts;
    // Assigned in the order callers have always seen the keys in.
    this.headline = headline;
    this.sentences = sentences;
    this.keywords = keywords;
    Object.defineProperty(this, 'quotes', SummaryWithLazyQuotes.#quotesProperty);
    this.articleWords = articleWords;
    this.summaryWords = summaryWords;
    this.ratio = ratio;
  }
}

/** Key quotes are looked for in the first ~200,000 characters (whole paragraphs) to bound work on huge inputs. */
const QUOTE_SCAN_LIMIT = 200_000;

function quoteScope(text: string): string {
  if (text.length <= QUOTE_SCAN_LIMIT) return text;
  const paragraphEnd = text.lastIndexOf('\n', QUOTE_SCAN_LIMIT);
  return text.slice(0, paragraphEnd > 0 ? paragraphEnd : QUOTE_SCAN_LIMIT);
}

function wantedSentences(options: SummaryOptions, available: number): number {
  const asked = options.sentences ?? SENTENCES_FOR_LENGTH[options.length ?? 'short'];
  const whole = Number.isFinite(asked) ? Math.floor(asked) : 3;
  return Math.max(0, Math.min(available, whole));
}

/** Whether a sentence's first word points back to something said before it. */
export function isDangling(sentence: Sentence): boolean {
  return sentence.index > 0 && DANGLING_OPENERS.has(sentence.firstWord);
}

/** Cosine of two sentences' content-term count vectors. */
function contentCosine(doc: Document, a: number, b: number): number {
  const { termData, uniqueStart, countOffset } = doc;
  const aFrom = uniqueStart[a]!;
  const aTo = uniqueStart[a + 1]!;
  const bFrom = uniqueStart[b]!;
  const bTo = uniqueStart[b + 1]!;
  let dot = 0;
  let i = aFrom;
  let j = bFrom;
  while (i < aTo && j < bTo) {
    const ta = termData[i]!;
    const tb = termData[j]!;
    if (ta === tb) { dot += termData[i + countOffset]! * termData[j + countOffset]!; i++; j++; }
    else if (ta < tb) i++;
    else j++;
  }
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (let k = aFrom; k < aTo; k++) na += termData[k + countOffset]! * termData[k + countOffset]!;
  for (let k = bFrom; k < bTo; k++) nb += termData[k + countOffset]! * termData[k + countOffset]!;
  return dot / Math.sqrt(na * nb);
}

/**
 * Greedy pick in score order, skipping near-duplicates and sentences over the word budget; then
 * document order. A summary never opens on a dangling sentence ("He said..."): another opening is
 * picked, and when that keeps failing, the summary opens on the antecedent sentence instead.
 */
function selectSentences(doc: Document, order: RankOrder, wanted: number, maxWords: number | undefined): Sentence[] {
  if (wanted === 0) return [];
  const budget = maxWords !== undefined && Number.isFinite(maxWords) ? Math.max(0, maxWords) : Infinity;
  const banned: number[] = []; // sentence indices, at most 8
  for (let attempt = 0; attempt < 8; attempt++) {
    const picked = greedyPick(doc, order, banned, wanted, budget);
    const first = picked[0];
    if (first === undefined || !isDangling(first) || picked.some((p) => p.index === first.index - 1)) return picked;
    banned.push(first.index); // pick another opening instead
  }
  // Still dangling after several tries: open on the antecedent instead.
  const picked = greedyPick(doc, order, [], wanted, budget);
  while (picked.length > 0 && isDangling(picked[0]!)) {
    const first = picked.shift()!;
    const antecedent = doc.sentences[first.index - 1]!;
    if (!picked.some((p) => p.index === antecedent.index)) picked.unshift(antecedent);
    if (picked.reduce((sum, s) => sum + s.words, 0) > budget) picked.shift();
  }
  return picked;
}

/**
 * Sentence indices best first: real sentences before fragments (datelines, "Scroll down for
 * video", view counters), then by score, then in document order. Readers take only the first few:
 * the best LEADING_RANKS are found in one pass, later entries ranked as they are read, each the
 * best of the rest (a total order, so the same result as any sort). NaN scores (only a custom
 * ranker gives them) are not ordered by that comparison: they are insertion-sorted up front, as
 * they always were.
 */
class RankOrder {
  /** order[0, ranked) is final; the rest are the unranked sentences, in any order. */
  #ranked = 0;
  /** False when a score is NaN: the order is then the insertion sort's, not a sort by one comparison. */
  readonly totallyOrdered: boolean;

  constructor(
    private readonly order: Int32Array,
    private readonly scores: Float64Array,
    private readonly informative: Uint8Array,
    private readonly n: number,
  ) {
    let hasNaN = false;
    for (let i = 0; i < n; i++) hasNaN ||= Number.isNaN(scores[i] ?? 0);
    this.totallyOrdered = !hasNaN;
    if (hasNaN) {
      for (let i = 0; i < n; i++) order[i] = i;
      insertionSort(order, scores, informative, n);
      this.#ranked = n;
    } else {
      this.#ranked = rankLeading(order, scores, informative, n);
    }
  }

  /** The k-th best sentence index (k < n). */
  at(k: number): number {
    while (this.#ranked <= k) this.#rankNext();
    return this.order[k]!;
  }

  #rankNext(): void {
    const { order, scores, informative, n } = this;
    const at = this.#ranked++;
    let best = at;
    let bestIndex = order[at]!;
    let bestInformative = informative[bestIndex]!;
    let bestScore = scores[bestIndex] ?? 0;
    for (let j = at + 1; j < n; j++) {
      const index = order[j]!;
      const informativeJ = informative[index]!;
      if (informativeJ < bestInformative) continue;
      const score = scores[index] ?? 0;
      if (informativeJ === bestInformative && !(score > bestScore || (score === bestScore && index < bestIndex))) continue;
      best = j;
      bestIndex = index;
      bestInformative = informativeJ;
      bestScore = score;
    }
    order[best] = order[at]!;
    order[at] = bestIndex;
  }
}

/** Ranks read by most summaries (the headline and three sentences), found in one pass. */
const LEADING_RANKS = 4;

/**
 * The best min(n, LEADING_RANKS) sentence indices into order[0, k), best first, the others into
 * order[k, n) in any order; returns k. One pass in document order keeps the best so far by
 * insertion: a sentence enters only when it beats the last kept, so ties keep the earlier one.
 */
function rankLeading(order: Int32Array, scores: Float64Array, informative: Uint8Array, n: number): number {
  const leading = Math.min(n, LEADING_RANKS);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const informativeI = informative[i]!;
    const scoreI = scores[i] ?? 0;
    let at = i;
    if (i >= leading) {
      const last = order[leading - 1]!;
      const informativeLast = informative[last]!;
      if (informativeI < informativeLast || (informativeI === informativeLast && !(scoreI > (scores[last] ?? 0)))) continue;
      order[i] = last; // dropped from the leading ranks
      at = leading - 1;
    }
    while (at > 0) {
      const other = order[at - 1]!;
      const informativeOther = informative[other]!;
      if (informativeOther > informativeI || (informativeOther === informativeI && !(scoreI > (scores[other] ?? 0)))) break;
      order[at] = other;
      at--;
    }
    order[at] = i;
  }
  return leading;
}

/** order[0, n) (sentence indices) by the rank order, by insertion with the comparison inline. */
function insertionSort(order: Int32Array, scores: Float64Array, informative: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const informativeI = informative[i]!;
    const scoreI = scores[i] ?? 0;
    let j = i - 1;
    while (j >= 0) {
      const other = order[j]!;
      const informativeOther = informative[other]!;
      if (informativeOther !== informativeI) {
        if (informativeOther > informativeI) break;
      } else {
        const difference = scoreI - (scores[other] ?? 0);
        // Ties (and NaN) keep document order: i comes after every earlier index.
        if (!(difference > 0)) break;
      }
      order[j + 1] = other;
      j--;
    }
    order[j + 1] = i;
  }
}

let orderScratch = new Int32Array(512);

/** The rank order of the document being summarized (in a reused buffer: read only within one summarizeWith call). */
function rankOrder(scores: Float64Array, informative: Uint8Array, n: number): RankOrder {
  if (orderScratch.length < n) orderScratch = new Int32Array(2 * n);
  return new RankOrder(orderScratch, scores, informative, n);
}

/** Distinct worded content terms a sentence needs to say something on its own. */
const MIN_INFORMATIVE_TERMS = 3;

/** Per-sentence flags of the document being summarized (reused: read only within one summarizeWith call). */
let informativeScratch = new Uint8Array(256);

/**
 * Per sentence: 1 when it has at least MIN_INFORMATIVE_TERMS distinct content terms containing a
 * letter, else 0 (first n entries of a reused buffer).
 */
function informativeSentences(wordedTerms: Int32Array, n: number): Uint8Array {
  if (informativeScratch.length < n) informativeScratch = new Uint8Array(2 * n);
  const informative = informativeScratch;
  for (let i = 0; i < n; i++) informative[i] = wordedTerms[i]! >= MIN_INFORMATIVE_TERMS ? 1 : 0;
  return informative;
}

/** Top sentences in score order, skipping banned ones, near-duplicates and those over budget; document order. */
function greedyPick(doc: Document, order: RankOrder, banned: readonly number[], wanted: number, budget: number): Sentence[] {
  const picked: Sentence[] = [];
  let words = 0;
  const n = doc.sentences.length;
  for (let k = 0; k < n && picked.length < wanted; k++) {
    const index = order.at(k);
    if (banned.length > 0 && banned.includes(index)) continue;
    const sentence = doc.sentences[index]!;
    if (sentence.words === 0 || words + sentence.words > budget) continue;
    let redundant = false;
    for (let p = 0; p < picked.length && !redundant; p++) redundant = contentCosine(doc, picked[p]!.index, index) > REDUNDANCY_LIMIT;
    if (redundant) continue;
    // Kept in document order (insertion: a summary has a few sentences).
    let at = picked.length;
    picked.push(sentence);
    while (at > 0 && picked[at - 1]!.index > index) {
      picked[at] = picked[at - 1]!;
      at--;
    }
    picked[at] = sentence;
    words += sentence.words;
  }
  return picked;
}

/**
 * The best real sentence (fragments only when nothing else; a quotation only when no narrative
 * sentence is left: a headline in someone's voice misleads), or its leading clause, within ~100
 * characters, cut at a word boundary.
 */
function headlineOf(doc: Document, order: RankOrder, scores: Float64Array, informative: Uint8Array): string {
  const best = order.totallyOrdered ? headlineSentenceByRank(doc, order, informative) : headlineSentenceByScan(doc, scores, informative);
  if (best === undefined) return '';
  const text = best.text;
  return shorten(collapsingChanges(text) ? text.replace(/\s+/g, ' ') : text, HEADLINE_MAX);
}

/**
 * Characters of a headline sentence that can decide its shortened form: trimming drops at most one
 * leading space when no run of spaces starts the text, and shorten() reads only the first
 * HEADLINE_MAX characters of what it keeps once that is longer.
 */
const HEADLINE_SPAN = HEADLINE_MAX + 2;

/**
 * Whether collapsing the whitespace runs of a headline sentence can change its shortened form.
 * Without a run of spaces or another whitespace character in text[0, HEADLINE_SPAN) the collapse
 * keeps those characters as they are (a run starting at the last one becomes that one space), so
 * both texts agree there; when the last of them is neither whitespace nor a final mark, both also
 * keep more than HEADLINE_MAX characters after trimming, so shorten() cuts both at the same place.
 * Then only those characters are searched (the searches cost per character read), else the whole
 * text.
 */
function collapsingChanges(text: string): boolean {
  if (text.length > HEADLINE_SPAN) {
    const last = text.charCodeAt(HEADLINE_SPAN - 1);
    const mayBeTrimmed = isWhitespaceCode(last) || last === 46 || last === 33 || last === 63; // . ! ?
    if (!mayBeTrimmed) return hasUnusualSpacing(text.slice(0, HEADLINE_SPAN));
  }
  return hasUnusualSpacing(text);
}

/**
 * Whether a text has whitespace other than single spaces (as /[^\S ]| {2}/ finds; two searches
 * cost less than that regex, which tries both alternatives at every character).
 */
function hasUnusualSpacing(text: string): boolean {
  return OTHER_WHITESPACE.test(text) || text.includes('  ');
}

/**
 * The headline sentence read off the rank order (informative first, then by score, then in
 * document order): the first sentence with words not opening with a quote, unless a quoting one
 * of a better (informative) group came first. Usually the top sentence, whose text is already cut.
 */
function headlineSentenceByRank(doc: Document, order: RankOrder, informative: Uint8Array): Sentence | undefined {
  let quoted: Sentence | undefined; // the best quoting sentence of its group
  for (let k = 0; k < doc.sentences.length; k++) {
    const sentence = doc.sentences[order.at(k)]!;
    if (sentence.words === 0) continue;
    if (quoted !== undefined && informative[sentence.index] !== informative[quoted.index]) break;
    if (!opensWithQuote(sentence.text)) return sentence;
    quoted ??= sentence;
  }
  return quoted;
}

/** The same choice by one scan in document order (for scores that are not totally ordered). */
function headlineSentenceByScan(doc: Document, scores: Float64Array, informative: Uint8Array): Sentence | undefined {
  let best: Sentence | undefined;
  let bestTier = -1;
  for (const sentence of doc.sentences) {
    if (sentence.words === 0) continue;
    // The quote test needs the sentence text: skip it when even the better tier could not win.
    const topTier = informative[sentence.index]! * 2 + 1;
    if (topTier < bestTier || (topTier === bestTier && !((scores[sentence.index] ?? 0) > (scores[best!.index] ?? 0)))) continue;
    const tier = topTier - (opensWithQuote(sentence.text) ? 1 : 0);
    if (tier > bestTier || (tier === bestTier && (scores[sentence.index] ?? 0) > (scores[best!.index] ?? 0))) {
      best = sentence;
      bestTier = tier;
    }
  }
  return best;
}

/** Whitespace other than a space. */
const OTHER_WHITESPACE = /[^\S ]/;

function opensWithQuote(text: string): boolean {
  const first = text.charCodeAt(0);
  // " ' “ ‘ « „
  return first === 0x22 || first === 0x27 || first === 0x201c || first === 0x2018 || first === 0xab || first === 0x201e;
}

/** `text` without its trailing run of . ! ? (as text.replace(/[.!?]+$/u, ''), without a regex scan). */
function withoutFinalMarks(text: string): string {
  let end = text.length;
  for (;;) {
    const code = end > 0 ? text.charCodeAt(end - 1) : 0;
    if (code !== 46 && code !== 33 && code !== 63) break; // . ! ?
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Start of the last clause mark (", " "; " ": " " — " " - ") wholly inside text[0, end) and starting
 * at `lowest` or later, else -1. Every mark ends in a space: spaces are found from the right and
 * the characters before them tested (no search per mark, no window string).
 */
function lastClauseMark(text: string, end: number, lowest: number): number {
  for (let space = end - 1; space > lowest; space--) {
    if (text.charCodeAt(space) !== 32) continue;
    const before = text.charCodeAt(space - 1);
    if (before === 44 || before === 59 || before === 58) return space - 1; // , ; :
    // — or - between spaces
    if ((before === 0x2014 || before === 45) && space - 2 >= lowest && text.charCodeAt(space - 2) === 32) return space - 2;
  }
  return -1;
}

/** text[0, end) without its trailing run of whitespace and , ; : — - (as .replace(/[\s,;:—-]+$/u, '')). */
function withoutTrailingPunctuation(text: string, end: number): string {
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (!(code === 44 || code === 59 || code === 58 || code === 0x2014 || code === 45 || isWhitespaceCode(code))) break;
    end--;
  }
  return text.slice(0, end);
}

/**
 * `text` trimmed, without final sentence marks, and when longer than `maxLength` UTF-16 code units
 * (at least 1) cut to it: at the end of a clause in its second half, else at the last word
 * boundary (with an ellipsis).
 */
export function shorten(text: string, maxLength: number): string {
  const limit = Math.max(1, maxLength);
  const trimmed = withoutFinalMarks(text.trim());
  if (trimmed.length <= limit) return trimmed;
  const windowEnd = Math.trunc(limit);
  const cut = lastClauseMark(trimmed, windowEnd, Math.ceil(limit * 0.5));
  if (cut >= 0) return trimmed.slice(0, cut);
  let space = windowEnd - 1;
  while (space >= 0 && trimmed.charCodeAt(space) !== 32) space--;
  const end = space > limit * 0.3 ? space : limit - 1;
  return `${withoutTrailingPunctuation(trimmed, Math.trunc(end))}…`;
}

/** Top content terms by their counts weighted by position (earlier mentions weigh more); shown as a surface form from the text. */
function keywordsOf(doc: Document, weight: Float64Array): string[] {
  const kept = bestTerms(doc, weight);
  const keywords: string[] = [];
  for (let k = 0; k < kept; k++) keywords.push(doc.surfaceOf(keywordScratch[k]!));
  return keywords;
}

/**
 * The best KEYWORD_COUNT terms by weight whose surface form has a letter (digits-only forms are no
 * keywords) and is longer than two characters: into keywordScratch, best first; how many. Both
 * facts come from the scan, so no surface form is read (strings scattered in memory).
 */
function bestTerms(doc: Document, weight: Float64Array): number {
  const vocabulary = doc.vocabularySize;
  const { surfaceFacts } = doc;
  const wanted = TokenFact.Letter | TokenFact.Long;
  // Keep the best few in one pass (insertion into a short sorted list; ties keep the earlier term).
  const best = keywordScratch;
  let kept = 0;
  let floor = -Infinity; // weight to beat once the list is full
  for (let id = 0; id < vocabulary; id++) {
    const w = weight[id]!;
    if (w <= floor) continue; // cheap test first
    if ((surfaceFacts[id]! & wanted) !== wanted) continue;
    let at = kept < KEYWORD_COUNT ? kept++ : KEYWORD_COUNT - 1; // a full list drops its last
    while (at > 0 && weight[best[at - 1]!]! < w) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = id;
    if (kept === KEYWORD_COUNT) floor = weight[best[KEYWORD_COUNT - 1]!]!;
  }
  return kept;
}

/** Term ids of the best keywords so far, best first (scratch of keywordsOf). */
const keywordScratch = new Int32Array(KEYWORD_COUNT);
