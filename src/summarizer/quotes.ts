import type { Quote } from './types.ts';
import { isWhitespaceCode } from './chars.ts';
import { cueAfter, cueOrSubjectBefore, endsSentence, type Cue } from './quotes-attribution.ts';
import { scanQuoteSpans, type QuoteSpan, type TextRange } from './quotes-scan.ts';
import { NameScan, genderOfName, isNonNameWord, isPronoun, isTitleWord, personNameFromRun, type Gender, type PersonMention } from './names.ts';

export type { TextRange } from './quotes-scan.ts';

/** A quotation with its offsets in the text. */
export interface QuoteWithSpan extends Quote {
  /** Inner range (without marks) of the whole quotation. */
  readonly start: number;
  readonly end: number;
  /** One range per paragraph the quotation spans. */
  readonly parts: readonly TextRange[];
  /** How the speaker was found: its own cue, a neighbouring quote of the same passage, or none. */
  readonly attribution: 'cue' | 'inherited' | 'none';
  /** The speaker phrase as written in the text, before resolution ("he", "Li"), when a cue was found. */
  readonly speakerPhrase: string | null;
}

/** 1 for each UTF-16 code that is whitespace (see isWhitespaceCode): one load per character. */
const WHITESPACE = new Uint8Array(0x10000);
for (let c = 0; c < WHITESPACE.length; c++) WHITESPACE[c] = isWhitespaceCode(c) ? 1 : 0;

/** Whitespace-separated words in text[start, end). */
function wordCountIn(text: string, start: number, end: number): number {
  // A word starts at a non-space after a space; counted without branches on the characters, which
  // alternate too often for the branch predictor.
  let count = 0;
  let previousSpace = 1;
  for (let i = start; i < end; i++) {
    const space = WHITESPACE[text.charCodeAt(i)]!;
    count += previousSpace & (space ^ 1);
    previousSpace = space;
  }
  return count;
}

/** What a caller already knows of a text, so the quote finder need not read the text for it again. */
export interface TextFacts {
  /** Whether the text has an ASCII capital letter (A-Z); null or absent when unknown. */
  readonly hasAsciiCapital?: boolean | null;
}

/** Text with (almost) no capital letters: names cannot be told from words, so no names are guessed. */
export function isLowercaseText(text: string, facts: TextFacts = {}): boolean {
  const length = Math.min(text.length, LOWERCASE_SCAN_LIMIT);
  // The regex engine finds the few capitals faster than a char loop; letters are counted only when
  // needed. A text known to have no capital needs no search (a whole lowercase article takes ~2 us).
  let capitals = 0;
  CAPITAL_LETTER.lastIndex = 0;
  while (facts.hasAsciiCapital !== false && CAPITAL_LETTER.test(text) && CAPITAL_LETTER.lastIndex <= length) {
    // Letters never exceed the scanned length, so this many capitals settles it.
    if (++capitals >= LOWERCASE_CAPITAL_SHARE * length) return false;
  }
  if (capitals === 0) {
    SMALL_LETTER.lastIndex = 0;
    return SMALL_LETTER.test(text) && SMALL_LETTER.lastIndex <= length;
  }
  let letters = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) letters++;
  }
  return capitals / letters < LOWERCASE_CAPITAL_SHARE;
}

const LOWERCASE_SCAN_LIMIT = 200_000;
const CAPITAL_LETTER = /[A-Z]/g;
const SMALL_LETTER = /[a-z]/g;
const LOWERCASE_CAPITAL_SHARE = 0.005;

const DETERMINERS = /^(?:a|an|the|one|two|three|several|some|many|his|her|their|its|our|another|other|both|each|senior|top)\b/i;
const NOMINAL_MAX_WORDS = 6;

interface Context {
  readonly text: string;
  readonly lowercase: boolean;
  readonly persons: readonly PersonMention[];
  readonly names: NameScan | null;
  /** See NameScan.otherPersonBetween; false in lowercase text (no names). */
  otherPersonBetween(after: number, before: number, name: string, counts: (start: number) => boolean): boolean | undefined;
  /** Offsets where lines (paragraphs) start, ascending. */
  readonly lineStarts: readonly number[];
}

/**
 * The person a he/she before `at` refers to: among the people of the nearest preceding sentence
 * that names one (outside quotations), the first (its subject), agreeing in gender when known.
 */
function antecedentBefore(ctx: Context, at: number, gender: Gender, quoteRanges: readonly QuoteSpan[], speakers: ReadonlySet<string>): string | null {
  const persons = ctx.persons;
  let lo = 0;
  let hi = persons.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((persons[mid] as PersonMention).end <= at) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last, steps = 0; i >= 0 && steps < 200; i--, steps++) {
    const person = persons[i] as PersonMention;
    if (!fitsAntecedent(person, gender, quoteRanges, speakers)) continue;
    // Step back to the first fitting person of the same sentence, past an opening clause ("Like Makaeff, Roffman …").
    const sentence = subjectStart(ctx.text, sentenceStart(ctx.text, person.start), person.start);
    let first = person;
    let j = i - 1;
    for (; j >= 0; j--) {
      const earlier = persons[j] as PersonMention;
      if (earlier.start < sentence) break;
      if (fitsAntecedent(earlier, gender, quoteRanges, speakers) && !modifiesNext(ctx.text, earlier, first)) first = earlier;
    }
    // "She doesn't think Clinton can …": the sentence's subject is the same pronoun, so the people
    // named in it are objects; the antecedent lies further back.
    if (samePronounSubject(ctx.text, sentence, gender)) {
      i = j + 1;
      continue;
    }
    return first.fullName;
  }
  return null;
}

/** A person outside quotations, of the pronoun's gender (or unknown), who is likely a person or has spoken. */
function fitsAntecedent(p: PersonMention, gender: Gender, quoteRanges: readonly QuoteSpan[], speakers: ReadonlySet<string>): boolean {
  return !insideAny(p.start, quoteRanges) && (p.gender === null || p.gender === gender) && (p.likelyPerson || speakers.has(p.fullName));
}

/** "McConnell spokesman Don Stewart": a name followed only by a role word modifies the next name. */
function modifiesNext(text: string, earlier: PersonMention, next: PersonMention): boolean {
  const between = text.slice(earlier.end, next.start).trim();
  if (between === '' || between.length > 40) return false;
  const words = between.replace(/^['’]s?\s*/, '').split(/\s+/);
  return words.length <= 3 && words.every((w) => /^[a-z-]+$/.test(w) && isTitleWord(w));
}

function samePronounSubject(text: string, sentence: number, gender: Gender): boolean {
  const head = /^\s*(?:(?:And|But|So|Then|Now|Still|Yet)\s+)?(he|she)\b/i.exec(text.slice(sentence, sentence + 16));
  return head !== null && (head[1]?.toLowerCase() === 'he') === (gender === 'male');
}

const OPENING_CLAUSE = /^\s*(?:Like|Unlike|As|When|While|After|Before|Since|If|Although|Though|Despite|In|On|At|During|For|With|According to|Asked)\b[^,]{0,120},/;

/** Where the main clause of a sentence starts: after an opening clause, if one ends before `limit`. */
function subjectStart(text: string, sentence: number, limit: number): number {
  const m = OPENING_CLAUSE.exec(text.slice(sentence, Math.min(limit, sentence + 140)));
  return m === null ? sentence : sentence + m[0].length;
}

function sentenceStart(text: string, at: number): number {
  const floor = Math.max(0, at - 400);
  for (let i = at - 1; i >= floor; i--) {
    if (text.charCodeAt(i) === 10 || endsSentence(text, i)) return i + 1;
  }
  return floor;
}

function insideAny(offset: number, spans: readonly QuoteSpan[]): boolean {
  // Spans are sorted and few per article; a binary search keeps long inputs linear-ish.
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid] as QuoteSpan;
    if (offset < span.openMark) hi = mid - 1;
    else if (offset > span.closeMark) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Turns a cue's speaker phrase into a speaker: a full name, a nominal as written, or null. */
/** The last speaker named (not a pronoun) by a quote's cue, and where its cue was. */
interface NamedSpeaker {
  readonly name: string;
  readonly at: number;
}

/**
 * News convention: after "…," Warren said, a following "…," she said is Warren again, as long as
 * no other person is named outside quotations in between and the gender does not disagree.
 */
function recentSpeaker(ctx: Context, last: NamedSpeaker | null, at: number, gender: Gender, spans: readonly QuoteSpan[]): string | null {
  if (last === null || at - last.at > 600 || last.at > at) return null;
  const known = genderOfName(last.name);
  if (known !== null && known !== gender) return null;
  // Mostly settled from the text up to `at`; else from every mention.
  const other = ctx.otherPersonBetween(last.at, at, last.name, (start) => !insideAny(start, spans));
  if (other !== undefined) return other ? null : last.name;
  const persons = ctx.persons;
  for (let i = firstPersonAfter(persons, last.at); i < persons.length; i++) {
    const person = persons[i] as PersonMention;
    if (person.start >= at) break;
    if (person.fullName !== last.name && !insideAny(person.start, spans)) return null;
  }
  return last.name;
}

/** Index of the first of the (ordered) person mentions starting after `at`. */
function firstPersonAfter(persons: readonly PersonMention[], at: number): number {
  let lo = 0;
  let hi = persons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((persons[mid] as PersonMention).start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const LEADING_CLAUSE_WORD = /^(?:As|And|But|Now|Said|While|So|Then|Yet|Also|Or)\s+(?=\S)/;
const CLAUSE_WORD_INITIALS = new Set([...'ABNSWTYO'].map((initial) => initial.charCodeAt(0)));

function resolveSpeaker(ctx: Context, cue: Cue, spans: readonly QuoteSpan[], quote: QuoteSpan, speakers: ReadonlySet<string>, lastNamed: NamedSpeaker | null): string | null {
  // A clause word before the subject is not part of it ("As John Cornyn put it", "And Skelly called");
  // only a phrase opening with one of their initials can hold one.
  const trimmed = cue.phrase.trim();
  const phrase = CLAUSE_WORD_INITIALS.has(trimmed.charCodeAt(0)) ? trimmed.replace(LEADING_CLAUSE_WORD, '') : trimmed;
  // The phrase is trimmed, so its words are exactly what splitting on whitespace would give.
  const words = wordCountIn(phrase, 0, phrase.length);
  if (words === 1 && isPronoun(phrase)) {
    const lower = phrase.toLowerCase();
    if (ctx.lowercase || (lower !== 'he' && lower !== 'she')) return null;
    // The antecedent comes before the pronoun and before the quote it attributes.
    const gender: Gender = lower === 'he' ? 'male' : 'female';
    const at = Math.min(cue.at, quote.openMark);
    const recent = recentSpeaker(ctx, lastNamed, at, gender, spans);
    return recent ?? antecedentBefore(ctx, at, gender, spans, speakers);
  }
  if (ctx.lowercase) {
    return DETERMINERS.test(phrase) && words <= NOMINAL_MAX_WORDS ? phrase : null;
  }
  if (DETERMINERS.test(phrase)) {
    // "The judge", "a spokesman for the campaign": as written, unless it names a person ("his aide John Doe").
    const named = personInPhrase(ctx, phrase, cue.at);
    if (named !== null && named.includes(' ')) return named;
    return words <= NOMINAL_MAX_WORDS ? phrase.replace(/[,.;:]+$/, '') : null;
  }
  const person = personInPhrase(ctx, phrase, cue.at);
  // A lone capitalized word found only by its place at a sentence's start ("Hours later, …",
  // "Specifically, …") is a person only when it is part of a full name in the text.
  if (person !== null && !(cue.bySubject && words < 2 && !person.includes(' ') && !speakers.has(person))) return person;
  // A sentence's opening capitalized word that is not a person ("Couple", "Fifteen") is no speaker;
  // an organisation opening it needs two words or an acronym ("NBC News", "CNN").
  if ((cue.verb === 'subject' || cue.bySubject) && words < 2 && !/^[A-Z]{2,}$/.test(phrase)) return null;
  // An organisation as written ("the White House", "CNN", "Politico"), never a date or a headline.
  const usable = /^[A-Z]/.test(phrase) && words <= 4 && !/^[A-Z\s]{6,}$/.test(phrase) && phrase.split(/\s+/).every((w) => !isNonNameWord(w));
  return usable ? phrase.replace(/[,.;:]+$/, '') : null;
}

/**
 * The person a speaker phrase names, resolved to a full name: the last name-like run
 * ("RNC spokesman Sean Spicer"), but the first one when a preposition or comma follows it
 * ("Patrick Murray of Christie", "Bruce Hough, the committeeman from Utah").
 */
function personInPhrase(ctx: Context, phrase: string, at: number): string | null {
  const runPattern = CAPITALIZED_RUN;
  runPattern.lastIndex = 0;
  let found: string | null = null;
  let foundEnd = 0;
  for (let m = runPattern.exec(phrase); m !== null; m = runPattern.exec(phrase)) {
    if (found !== null && /(?:^|\s)(?:of|for|at|from|with|in|on)\s|,/.test(phrase.slice(foundEnd, m.index))) break;
    const name = personNameFromRun(runWords(phrase, m.index, m.index + m[0].length));
    if (name !== null) {
      found = name;
      foundEnd = m.index + m[0].length;
    }
  }
  return found === null ? null : (ctx.names?.resolve(found, at) ?? found);
}

const CAPITALIZED_RUN = /(?:[A-Z][\w\u00C0-\u024F'’.-]*\s?)+/g;

/**
 * The words of a capitalized run text[start, end) (words and single whitespace characters), a final
 * period dropped from words longer than two characters ("Jr." -> "Jr", but "J." stays an initial).
 */
function runWords(text: string, start: number, end: number): string[] {
  const words: string[] = [];
  let i = start;
  while (i < end) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let wordEnd = i + 1;
    while (wordEnd < end && !isWhitespaceCode(text.charCodeAt(wordEnd))) wordEnd++;
    const length = wordEnd - i;
    words.push(text.slice(i, length > 2 && text.charCodeAt(wordEnd - 1) === 46 ? wordEnd - 1 : wordEnd));
    i = wordEnd;
  }
  return words;
}

/** Names cost a scan of the text: made only once a quote's speaker needs resolving. */
class LazyContext implements Context {
  private scan: NameScan | undefined;
  constructor(
    readonly text: string,
    readonly lowercase: boolean,
    readonly lineStarts: readonly number[],
  ) {}

  private nameScan(): NameScan {
    if (this.scan === undefined) this.scan = new NameScan(this.text);
    return this.scan;
  }

  /** Every person mention: needed only to find a pronoun's antecedent. */
  get persons(): readonly PersonMention[] {
    return this.lowercase ? [] : this.nameScan().mentions;
  }

  otherPersonBetween(after: number, before: number, name: string, counts: (start: number) => boolean): boolean | undefined {
    return this.lowercase ? false : this.nameScan().otherPersonBetween(after, before, name, counts);
  }

  /** Full names only: enough to resolve a named speaker, read only as far as that needs. */
  get names(): NameScan | null {
    return this.lowercase ? null : this.nameScan();
  }
}

function buildContext(text: string, facts: TextFacts): Context {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return new LazyContext(text, isLowercaseText(text, facts), lineStarts);
}

interface Attributed {
  readonly span: QuoteSpan;
  readonly cue: Cue | null;
  speaker: string | null;
  attribution: 'cue' | 'inherited' | 'none';
  /** Words of the quotation, counted once for the kept-quotation test and the key-quote score. */
  readonly words: number;
  /** Start of the paragraph the quotation opens in. */
  readonly paragraph: number;
}

function paragraphStart(ctx: Context, at: number): number {
  let lo = 0;
  let hi = ctx.lineStarts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = ctx.lineStarts[mid] as number;
    if (start <= at) {
      found = start;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function attributeAll(ctx: Context, spans: readonly QuoteSpan[]): Attributed[] {
  const out: Attributed[] = [];
  // Names already seen speaking count as people for later pronouns.
  const speakers = new Set<string>();
  let lastNamed: NamedSpeaker | null = null;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as QuoteSpan;
    const previous = spans[i - 1];
    const para = paragraphStart(ctx, span.openMark);
    const floor = Math.max(para, previous === undefined ? 0 : previous.closeMark + 1);
    const cue =
      (span.closed ? cueAfter(ctx.text, span.closeMark, ctx.lowercase) : null) ??
      cueOrSubjectBefore(ctx.text, span.openMark, floor, para, ctx.lowercase) ??
      colonIntroduction(ctx, span, para, previous);
    const speaker: string | null = cue === null ? null : resolveSpeaker(ctx, cue, spans, span, speakers, lastNamed);
    if (speaker !== null) speakers.add(speaker);
    if (speaker !== null && cue !== null && isAsciiCapital(speaker.charCodeAt(0)) && !isPronoun(cue.phrase) && speaker.includes(' ')) lastNamed = { name: speaker, at: cue.at };
    out.push({ span, cue, speaker, attribution: cue === null ? 'none' : 'cue', words: wordCountIn(ctx.text, span.start, span.end), paragraph: para });
  }
  inheritWithinParagraphs(ctx, out);
  continueAcrossParagraphs(ctx, out);
  return out;
}

/** True when text[from, to) is only whitespace (as `slice(from, to).trim() === ''`, without the slice). */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

function isAsciiCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * "As Breitbart News reported, …:" ending a paragraph introduces the quotation that opens the next one.
 */
function colonIntroduction(ctx: Context, span: QuoteSpan, para: number, previous: QuoteSpan | undefined): Cue | null {
  if (para === 0 || !isBlank(ctx.text, para, span.openMark)) return null;
  let end = para - 1;
  while (end > 0 && /\s/.test(ctx.text[end - 1] as string)) end--;
  if (ctx.text[end - 1] !== ':') return null;
  const previousPara = paragraphStart(ctx, end - 1);
  const floor = previous !== undefined && previous.closeMark >= previousPara ? previous.closeMark + 1 : previousPara;
  return cueOrSubjectBefore(ctx.text, end - 1, floor, floor, ctx.lowercase);
}

/**
 * News convention: a paragraph made of a quotation, with no cue of its own, goes on with the
 * speaker of the quotation that ended the paragraph before.
 */
function continueAcrossParagraphs(ctx: Context, quotes: Attributed[]): void {
  for (let i = 1; i < quotes.length; i++) {
    const q = quotes[i] as Attributed;
    if (q.attribution !== 'none') continue;
    const para = q.paragraph;
    if (!isBlank(ctx.text, para, q.span.openMark)) continue;
    const previous = quotes[i - 1] as Attributed;
    if (previous.speaker === null || previous.attribution === 'none') continue;
    // The previous quote must end the previous paragraph (only a short cue after it).
    const previousPara = paragraphStart(ctx, previous.span.closeMark);
    if (previousPara === para) continue;
    const lineEnd = ctx.text.indexOf('\n', previous.span.closeMark);
    const tail = ctx.text.slice(previous.span.closeMark + 1, lineEnd < 0 ? ctx.text.length : lineEnd);
    if (tail.length > 160) continue;
    if (paragraphStart(ctx, para - 2) !== previousPara && ctx.text.slice(previousPara, para).split('\n').filter((l) => l.trim() !== '').length > 1) continue;
    q.speaker = previous.speaker;
    q.attribution = 'inherited';
  }
}

/** A quote without its own cue takes the speaker of the nearest cued quote of the same paragraph. */
function inheritWithinParagraphs(ctx: Context, quotes: Attributed[]): void {
  // Forward pass: the last cued quote earlier in the paragraph; backward pass: the next one.
  let lastCued: Attributed | null = null;
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i] as Attributed;
    if (i > 0) {
      const previous = quotes[i - 1] as Attributed;
      if (q.paragraph !== previous.paragraph && paragraphStart(ctx, previous.span.closeMark) !== q.paragraph) lastCued = null;
    }
    if (q.cue !== null) lastCued = q;
    else if (lastCued !== null) {
      q.speaker = lastCued.speaker;
      q.attribution = 'inherited';
    }
  }
  let nextCued: Attributed | null = null;
  for (let i = quotes.length - 1; i >= 0; i--) {
    const q = quotes[i] as Attributed;
    if (i < quotes.length - 1 && q.paragraph !== (quotes[i + 1] as Attributed).paragraph) nextCued = null;
    if (q.cue !== null) nextCued = q;
    else if (q.attribution === 'none' && nextCued !== null) {
      q.speaker = nextCued.speaker;
      q.attribution = 'inherited';
    }
  }
}

// Words before an opening mark that introduce a title, a name or a term rather than speech.
const TITLE_INTRODUCERS = /(?:['’]s|\b(?:titled|entitled|dubbed|nicknamed|headlined|headline|show|program|programme|book|film|movie|song|album|series|podcast|column|op-ed|article|essay|memo|report|documentary|slogan|hashtag|the|so-called|term|word|words|phrase|label|as)[,:]?)\s*$/i;

/** More words than this never read as a title by their capitals. */
const TITLE_MAX_WORDS = 8;

/** True for a quotation that reads as a title or a term in quote marks (not speech). */
function looksLikeTitleOrTerm(text: string, span: QuoteSpan): boolean {
  // Whitespace-separated words holding an ASCII letter, and how many of them start with a capital;
  // counting stops once there are too many words for a title.
  let words = 0;
  let capitalized = 0;
  let i = span.start;
  while (i < span.end && words <= TITLE_MAX_WORDS) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const first = text.charCodeAt(i);
    let letter = false;
    for (; i < span.end; i++) {
      const c = text.charCodeAt(i);
      if (isWhitespaceCode(c)) break;
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) letter = true;
    }
    if (!letter) continue;
    words++;
    if (first >= 65 && first <= 90) capitalized++;
  }
  if (words === 0) return true;
  if (words >= 2 && capitalized / words > 0.6 && words <= TITLE_MAX_WORDS) return true;
  const from = Math.max(0, span.openMark - 24);
  return mayEndWithIntroducer(text, from, span.openMark) && TITLE_INTRODUCERS.test(text.slice(from, span.openMark));
}

/**
 * False when text[from, to) cannot match TITLE_INTRODUCERS: its last non-space character must be an
 * ASCII letter (every introducer ends with one), perhaps followed by one comma or colon.
 */
function mayEndWithIntroducer(text: string, from: number, to: number): boolean {
  let last = to - 1;
  while (last >= from && isWhitespaceCode(text.charCodeAt(last))) last--;
  if (last >= from && (text.charCodeAt(last) === 44 || text.charCodeAt(last) === 58)) last--;
  if (last < from) return false;
  const lower = text.charCodeAt(last) | 32;
  return lower >= 97 && lower <= 122;
}

const SHORT_QUOTE_WORDS = 5;

/**
 * Keeps speech and drops titles and terms. Short unattributed fragments stay: news prose quotes
 * fragments of what someone said ("called him a \"train wreck\""); keyQuotes leaves them out.
 */
function isKeptQuotation(text: string, q: Attributed): boolean {
  // A quoted attribute value in markup (tweet-date="…") is not speech.
  if (text[q.span.openMark - 1] === '=') return false;
  if (q.attribution === 'cue') return !(q.words < SHORT_QUOTE_WORDS && looksLikeTitleOrTerm(text, q.span));
  return !looksLikeTitleOrTerm(text, q.span);
}

/** The attributed quotations kept as speech, in document order. Pure; never throws. */
function keptQuotations(text: string, facts: TextFacts = {}): Attributed[] {
  try {
    if (typeof text !== 'string' || text.length === 0) return [];
    const spans = scanQuoteSpans(text);
    // Names are only needed for speakers: skip finding them in text without quotations.
    if (spans.length === 0) return [];
    return attributeAll(buildContext(text, facts), spans).filter((q) => isKeptQuotation(text, q));
  } catch {
    // Defensive: a summary without quotes beats a crashed command.
    return [];
  }
}

/** Every direct quotation with offsets, in document order. Pure; never throws. */
export function findQuoteSpans(text: string): QuoteWithSpan[] {
  return keptQuotations(text).map((q) => ({
    text: text.slice(q.span.start, q.span.end),
    speaker: q.speaker,
    start: q.span.start,
    end: q.span.end,
    parts: q.span.parts,
    attribution: q.attribution,
    speakerPhrase: q.cue?.phrase ?? null,
  }));
}

/** Every direct quotation in the text, in document order, with its speaker when the text supports one. Pure; never throws. */
export function findQuotes(text: string): Quote[] {
  return findQuoteSpans(text).map(({ text: quoteText, speaker }) => ({ text: quoteText, speaker }));
}

/** Scores a quotation text[span.start, span.end) for the key-quote list: attributed, sentence-like, mid-length quotes first. */
function keyScore(text: string, q: Attributed, words: number, index: number, total: number): number {
  let score = 0;
  if (q.speaker !== null) score += 3;
  if (q.attribution === 'cue') score += 1;
  if (endsLikeSentence(text, q.span.start, q.span.end) || startsLikeSentence(text.charCodeAt(q.span.start))) score += 1;
  score += Math.min(words, 40) / 20 - Math.max(0, words - 60) / 40;
  // Earlier quotes tend to be the article's central ones.
  score += total > 1 ? (1 - index / (total - 1)) * 0.5 : 0.5;
  return score;
}

/** text[start, end) ends with . ! ? or …, optionally followed by one closing quote or parenthesis (/[.!?…]["'”’)]?$/). */
function endsLikeSentence(text: string, start: number, end: number): boolean {
  let last = end - 1;
  const c = text.charCodeAt(last);
  if (c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41) last--;
  if (last < start) return false;
  const mark = text.charCodeAt(last);
  return mark === 46 || mark === 33 || mark === 63 || mark === 0x2026;
}

/** A quotation starting with this code starts with an ASCII capital or an opening quote mark (/^[A-Z“"]/). */
function startsLikeSentence(first: number): boolean {
  return (first >= 65 && first <= 90) || first === 0x201c || first === 34;
}

// Word counts are capped here for the key score: quotes of over 100,000 words all score alike.
const KEY_WORD_CAP = 100_000;

/**
 * The key quotes of an article, best first (leaves out scare quotes and short titles under ~5
 * words). `facts` must hold for `text`.
 */
export function keyQuotes(text: string, limit = 3, facts: TextFacts = {}): Quote[] {
  if (!(limit > 0)) return [];
  const all = keptQuotations(text, facts);
  const wanted = Math.floor(limit);
  const candidates: Attributed[] = [];
  const scores: number[] = [];
  for (let index = 0; index < all.length; index++) {
    const q = all[index] as Attributed;
    const words = Math.min(q.words, KEY_WORD_CAP);
    if (words >= SHORT_QUOTE_WORDS) {
      candidates.push(q);
      scores.push(keyScore(text, q, words, index, all.length));
    }
  }
  // Duplicates (same words ignoring case and spacing) are checked against the few kept quotes only;
  // only the quotes read in this order are sliced. The best few are selected one by one rather than
  // sorting them all (the rest is sorted only if many duplicates or a large limit read on).
  const out: Quote[] = [];
  for (let next = 0; next < candidates.length && out.length < wanted; next++) {
    if (next < SELECTED_PICKS) selectBest(candidates, scores, next);
    else if (next === SELECTED_PICKS) sortFrom(candidates, scores, next);
    const q = candidates[next] as Attributed;
    const quoteText = text.slice(q.span.start, q.span.end);
    if (out.some((kept) => sameQuoteText(kept.text, quoteText))) continue;
    out.push({ text: quoteText, speaker: q.speaker });
  }
  return out;
}

/** Quotes keyQuotes picks by selection before it sorts the rest. */
const SELECTED_PICKS = 8;

/** True when candidate a comes before b in the key order: higher score first, then earlier. */
function ranksBefore(scoreA: number, a: Attributed, scoreB: number, b: Attributed): boolean {
  return scoreA > scoreB || (scoreA === scoreB && a.span.start < b.span.start);
}

/** Moves the first in key order of candidates[from..] (and its score) to `from`. */
function selectBest(candidates: Attributed[], scores: number[], from: number): void {
  let best = from;
  for (let i = from + 1; i < candidates.length; i++) {
    if (ranksBefore(scores[i] as number, candidates[i] as Attributed, scores[best] as number, candidates[best] as Attributed)) best = i;
  }
  if (best === from) return;
  const candidate = candidates[best] as Attributed;
  const score = scores[best] as number;
  candidates[best] = candidates[from] as Attributed;
  scores[best] = scores[from] as number;
  candidates[from] = candidate;
  scores[from] = score;
}

/** Sorts candidates[from..] (and their scores) into key order. */
function sortFrom(candidates: Attributed[], scores: number[], from: number): void {
  const rest: { q: Attributed; score: number }[] = [];
  for (let i = from; i < candidates.length; i++) rest.push({ q: candidates[i] as Attributed, score: scores[i] as number });
  rest.sort((a, b) => b.score - a.score || a.q.span.start - b.q.span.start);
  rest.forEach(({ q, score }, i) => {
    candidates[from + i] = q;
    scores[from + i] = score;
  });
}

/** True when a and b read the same ignoring case and runs of whitespace (as `lower + \s+ -> ' '` would). */
function sameQuoteText(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  // ASCII compares char by char without building strings; anything else takes the exact normalised route.
  while (i < a.length && j < b.length) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(j);
    if (x >= 128 || y >= 128) return normalisedQuoteText(a) === normalisedQuoteText(b);
    if (isAsciiSpace(x) && isAsciiSpace(y)) {
      while (i < a.length && isAsciiSpace(a.charCodeAt(i))) i++;
      while (j < b.length && isAsciiSpace(b.charCodeAt(j))) j++;
      continue;
    }
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    // Both prefixes so far are ASCII, equal once normalised and end outside a whitespace run, so an
    // ASCII space against any other ASCII character differs in the normalised texts too.
    if (x !== y) return false;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return normalisedQuoteText(a) === normalisedQuoteText(b);
  return true;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function normalisedQuoteText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}
