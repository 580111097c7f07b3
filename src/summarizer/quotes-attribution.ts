/**
 * Finds the attribution cue of a quotation ("…," she said / Li said that … "…" / according to X)
 * in the words right after or right before its quote marks, and returns the speaker phrase as written.
 * Resolution of names and pronouns to people happens in quotes.ts.
 */

import { isTitleWord, personNameFromRun } from './names.ts';
import { isWhitespaceCode } from './chars.ts';

const PERIOD = 46;

/**
 * A word (with inner apostrophes, hyphens and dots, and one final period) or a single punctuation
 * mark of a cue window. Most tokens are only tested against word lists, so their strings are built
 * on first read and the flags come from character codes.
 */
class Token {
  private readonly source: string;
  readonly start: number;
  readonly end: number;
  /** A word (starts with a letter or digit), not a punctuation mark. */
  readonly word: boolean;
  /** Code of the first character. */
  readonly first: number;
  /** End of the token without its final period. */
  readonly stemEnd: number;
  private textValue: string | undefined;
  private bareValue: string | undefined;

  // Fields are assigned here, not by initializers: cheaper for the many tokens made per text.
  constructor(source: string, start: number, end: number, word: boolean) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.word = word;
    this.first = source.charCodeAt(start);
    this.stemEnd = source.charCodeAt(end - 1) === PERIOD ? end - 1 : end;
    this.textValue = undefined;
    this.bareValue = undefined;
  }

  /** Starts with an ASCII capital. */
  get capitalized(): boolean {
    const c = this.first;
    return c >= 65 && c <= 90;
  }

  get text(): string {
    if (this.textValue === undefined) this.textValue = this.source.slice(this.start, this.end);
    return this.textValue;
  }

  /** Lowercased, without a trailing period ("Gen." -> "gen"). */
  get bare(): string {
    if (this.bareValue === undefined) this.bareValue = this.source.slice(this.start, this.stemEnd).toLowerCase();
    return this.bareValue;
  }

  /** Written all in lowercase (apart from a trailing period). */
  get lowercase(): boolean {
    for (let i = this.start; i < this.stemEnd; i++) {
      const c = this.source.charCodeAt(i);
      if (c >= 65 && c <= 90) return false;
      if (c >= 128) return this.bare === this.source.slice(this.start, this.stemEnd);
    }
    return true;
  }

  /** True when the bare form is `word` (lowercase ASCII); compares lengths before building a string. */
  is(word: string): boolean {
    return this.stemEnd - this.start === word.length && this.bare === word;
  }

  /** wordHash of the bare form, read off the characters; -1 when the stem is not all ASCII. */
  bareHash(): number {
    let hash = 0;
    for (let i = this.start; i < this.stemEnd; i++) {
      const c = this.source.charCodeAt(i);
      if (c >= 128) return -1;
      hash = mixHash(hash, c >= 65 && c <= 90 ? c + 32 : c);
    }
    return hash;
  }
}

function mixHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) & 0x7fffffff;
}

/** A non-negative hash of an ASCII word's characters. */
function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = mixHash(hash, word.charCodeAt(i));
  return hash;
}

/** Size of a WordSet's hash bit table (a power of two). */
const HASH_BITS = 1 << 16;

/** Longest word a WordSet's shape table covers; longer words are looked up directly. */
const SHAPE_LENGTHS = 32;

/**
 * A set of lowercase ASCII words queried with tokens. A table of the words' shapes (first character,
 * length), then a bit table of their hashes, rule out most tokens before their string is built:
 * lowercasing keeps an ASCII first character ASCII and keeps the length of any token whose lowercase
 * form is ASCII, and an all-ASCII token's hash is that of its lowercase form.
 */
class WordSet {
  private readonly words: ReadonlySet<string>;
  private readonly shapes = new Uint8Array(128 * SHAPE_LENGTHS);
  /** Bits set at the words' hashes: an ASCII token whose bit is clear is not in the set either. */
  private readonly hashBits = new Uint32Array(HASH_BITS / 32);

  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const word of this.words) {
      if (word.length < SHAPE_LENGTHS) this.shapes[word.charCodeAt(0) * SHAPE_LENGTHS + word.length] = 1;
      const bit = wordHash(word) & (HASH_BITS - 1);
      this.hashBits[bit >>> 5] = (this.hashBits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The token's bare form (lowercase, no final period) is in the set. */
  hasBare(token: Token): boolean {
    const c = token.first;
    const length = token.stemEnd - token.start;
    if (c < 128 && length < SHAPE_LENGTHS && this.shapes[((c >= 65 && c <= 90) ? c + 32 : c) * SHAPE_LENGTHS + length] === 0) return false;
    const hash = token.bareHash();
    if (hash >= 0) {
      const bit = hash & (HASH_BITS - 1);
      if ((((this.hashBits[bit >>> 5] as number) >>> (bit & 31)) & 1) === 0) return false;
    }
    return this.words.has(token.bare);
  }

  /** The token as written is in the set. */
  hasText(token: Token): boolean {
    const c = token.first;
    const length = token.end - token.start;
    if (c < 128 && length < SHAPE_LENGTHS && this.shapes[c * SHAPE_LENGTHS + length] === 0) return false;
    return this.words.has(token.text);
  }
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * Reads the words (with inner apostrophes, hyphens, dots as in "U.S." or "Gen.", and a final period)
 * and single punctuation marks of text[start, end) into `tokens`, as far as asked: one pass over the
 * characters, which a caller deciding from the first few tokens stops early. With `toWindowEnd`, the
 * tokens stop where a window ends (line end, quote mark, sentence end; see endsWindowAt): the same
 * tokens as for that shorter range, without a separate pass to find its end.
 */
class TokenReader {
  readonly tokens: Token[] = [];
  private at: number;
  private limit: number;

  constructor(
    private readonly text: string,
    start: number,
    end: number,
    private readonly toWindowEnd: boolean,
  ) {
    this.at = start;
    this.limit = end;
  }

  /** True when there is a k-th token (reading up to it). */
  has(k: number): boolean {
    while (this.tokens.length <= k) if (!this.readToken()) return false;
    return true;
  }

  /** Every token of the range. */
  readAll(): Token[] {
    for (;;) if (!this.readToken()) return this.tokens;
  }

  /** Reads the next token into `tokens`; false at the range's (or window's) end. */
  private readToken(): boolean {
    const { text, toWindowEnd } = this;
    // Every character before the range's end is checked for the window end before a token takes it.
    let limit = this.limit;
    for (let i = this.at; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (toWindowEnd && endsWindowAt(text, i, c)) break;
      if (isWordCode(c)) {
        // Inner characters may include ' ’ . - but the word ends on a letter or digit (plus one period).
        let lastWordChar = i;
        for (let j = i + 1; j < limit; j++) {
          const d = text.charCodeAt(j);
          if (isWordCode(d)) lastWordChar = j;
          else if (!(d === 39 || d === 0x2019 || d === 46 || d === 45)) break;
          else if (toWindowEnd && d === PERIOD && endsSentence(text, j)) {
            // Of the inner characters only a period can end a window.
            limit = j;
            this.limit = j;
            break;
          }
        }
        let stop = lastWordChar + 1;
        if (stop < limit && text.charCodeAt(stop) === PERIOD) stop++;
        this.tokens.push(new Token(text, i, stop, true));
        this.at = stop;
        return true;
      }
      if (!isWhitespaceCode(c)) {
        this.tokens.push(new Token(text, i, i + 1, false));
        this.at = i + 1;
        return true;
      }
    }
    // Nothing more: the range or its window has ended.
    this.at = limit;
    this.limit = limit;
    return false;
  }
}

/** Every token of text[start, end) (see TokenReader). */
function tokenize(text: string, start: number, end: number): Token[] {
  return new TokenReader(text, start, end, false).readAll();
}

function isWord(token: Token | undefined): boolean {
  return token !== undefined && token.word;
}

/** Marks that end a clause for the comma walks (a quote mark or sentence punctuation). */
const SENTENCE_MARKS = '.;:!?"“”';

/** True for a punctuation token that is one of `marks` (each a single character). */
function isMarkOf(token: Token | undefined, marks: string): boolean {
  return token !== undefined && !token.word && marks.includes(token.text);
}

const SPEECH_VERB_STEMS: readonly (readonly string[])[] = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['add', 'adds', 'added', 'adding'],
  ['write', 'writes', 'wrote', 'writing', 'written'],
  ['ask', 'asks', 'asked', 'asking'],
  ['explain', 'explains', 'explained', 'explaining'],
  ['note', 'notes', 'noted', 'noting'],
  ['continue', 'continues', 'continued', 'continuing'],
  ['state', 'states', 'stated', 'stating'],
  ['declare', 'declares', 'declared', 'declaring'],
  ['reply', 'replies', 'replied', 'replying'],
  ['respond', 'responds', 'responded', 'responding'],
  ['argue', 'argues', 'argued', 'arguing'],
  ['insist', 'insists', 'insisted', 'insisting'],
  ['tweet', 'tweets', 'tweeted', 'tweeting'],
  ['post', 'posted'],
  ['recall', 'recalls', 'recalled', 'recalling'],
  ['warn', 'warns', 'warned', 'warning'],
  ['claim', 'claims', 'claimed', 'claiming'],
  ['observe', 'observes', 'observed', 'observing'],
  ['remark', 'remarks', 'remarked', 'remarking'],
  ['announce', 'announces', 'announced', 'announcing'],
  ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'],
  ['admit', 'admits', 'admitted', 'admitting'],
  ['joke', 'jokes', 'joked', 'joking'],
  ['quip', 'quips', 'quipped', 'quipping'],
  ['conclude', 'concludes', 'concluded', 'concluding'],
  ['concede', 'concedes', 'conceded', 'conceding'],
  ['predict', 'predicts', 'predicted', 'predicting'],
  ['suggest', 'suggests', 'suggested', 'suggesting'],
  ['urge', 'urges', 'urged', 'urging'],
  ['shout', 'shouts', 'shouted', 'shouting'],
  ['yell', 'yells', 'yelled', 'yelling'],
  ['repeat', 'repeats', 'repeated', 'repeating'],
  ['counter', 'counters', 'countered', 'countering'],
  ['charge', 'charges', 'charged', 'charging'],
  ['contend', 'contends', 'contended', 'contending'],
  ['caution', 'cautions', 'cautioned', 'cautioning'],
  ['complain', 'complains', 'complained', 'complaining'],
  ['emphasize', 'emphasizes', 'emphasized', 'emphasizing'],
  ['stress', 'stresses', 'stressed', 'stressing'],
  ['report', 'reports', 'reported', 'reporting'],
  ['testify', 'testifies', 'testified', 'testifying'],
  ['answer', 'answers', 'answered', 'answering'],
  ['boast', 'boasts', 'boasted', 'boasting'],
  ['vow', 'vows', 'vowed', 'vowing'],
  ['promise', 'promises', 'promised', 'promising'],
  ['pledge', 'pledges', 'pledged', 'pledging'],
  ['assert', 'asserts', 'asserted', 'asserting'],
  ['allege', 'alleges', 'alleged', 'alleging'],
  ['describe', 'describes', 'described', 'describing'],
  ['call', 'calls', 'called', 'calling'],
  ['label', 'labels', 'labeled', 'labelled'],
  ['read', 'reads'],
  ['begin', 'begins', 'began'],
  ['mused', 'muses', 'laughed', 'sighed', 'thundered', 'chimed', 'exclaimed', 'opined', 'scoffed', 'snapped', 'wondered', 'demanded', 'mocked', 'hit', 'slammed', 'blasted', 'praised'],
  ['tells', 'agreed', 'agrees', 'confirmed', 'confirms', 'explains', 'wrote', 'reiterated', 'reiterates', 'proclaimed', 'proclaims', 'cried', 'pointed', 'went', 'put'],
];

const SPEECH_VERBS = new WordSet(SPEECH_VERB_STEMS.flat());
/** Verbs that, placed before their subject, introduce it ("…," said Smith). */
const INVERTING_VERBS = new WordSet(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'asks', 'continued', 'continues', 'explained', 'noted', 'replied', 'recalled', 'warned', 'observed', 'remarked', 'declared', 'insisted', 'argued', 'tweeted', 'countered', 'concluded', 'quipped', 'joked', 'read', 'reads', 'stated', 'announced', 'conceded', 'cautioned', 'complained', 'responded', 'explains', 'notes', 'recalls', 'argues', 'insists', 'warns']);

const SUBJECT_SKIP_WORDS = new WordSet(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'also', 'later', 'then', 'once', 'has', 'had', 'have', 'would', 'will', 'could', 'did', 'does', 'again', 'previously', 'recently', 'reportedly', 'simply', 'just', 'further', 'never', 'often', 'repeatedly', 'famously', 'once', 'subsequently', 'finally', 'first', 'last', 'not', 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'to', 'even', 'only', 'ultimately', 'quickly', 'flatly', 'publicly', 'privately']);

/** Words that end a speaker phrase that follows an inverting verb ("said Smith in a statement"). */
const PHRASE_STOP_WORDS = new WordSet(['in', 'on', 'at', 'during', 'after', 'before', 'while', 'when', 'about', 'to', 'as', 'last', 'this', 'that', 'who', 'which', 'earlier', 'later', 'told', 'adding', 'referring', 'according', 'because', 'and', 'but', 'with', 'via', 'through', 'outside', 'inside', 'over', 'under', 'since', 'until']);

export interface Cue {
  /** Speaker phrase as written ("he", "Clinton", "RNC spokesman Sean Spicer", "a spokesman"). */
  readonly phrase: string;
  /** Offset of the phrase in the text. */
  readonly at: number;
  /** The cue word ("said", "according to"). */
  readonly verb: string;
  readonly side: 'after' | 'before';
  /** True when the phrase is a sentence's subject found by position alone, not next to a speech verb. */
  readonly bySubject: boolean;
}

/** A speech verb in lowercase ("States", "Post" and "Read" are names, not verbs, when capitalized). */
function isSpeechVerb(token: Token | undefined): boolean {
  // The word-list test rules out most words before the lowercase check reads their characters.
  return token !== undefined && token.word && !(token.first < 97) && SPEECH_VERBS.hasBare(token) && token.lowercase;
}

/** Words whose period never ends a sentence; a single capital (an initial, "U.S.") neither. */
const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Gen', 'Sen', 'Rep', 'Gov', 'Lt', 'Col', 'Sgt', 'Capt', 'Jr', 'Sr', 'Prof', 'Rev', 'No', 'vs', 'Inc', 'Corp', 'Co', 'Mt', 'Ft']);
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((word) => word.length));

/** An ASCII word character, as regex `\w` reads it. */
function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * True when the period at `dot` ends an abbreviation: the whole run of ASCII word characters before
 * it (a `\b`-bounded word) is one of ABBREVIATIONS or a single capital. Read off the codes; a slice
 * is made only for a short run.
 */
function abbreviationBeforeDot(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && dot - start <= LONGEST_ABBREVIATION && isAsciiWordCode(text.charCodeAt(start - 1))) start--;
  const length = dot - start;
  if (length === 0 || length > LONGEST_ABBREVIATION) return false;
  if (length === 1) {
    const c = text.charCodeAt(start);
    return c >= 65 && c <= 90;
  }
  return ABBREVIATIONS.has(text.slice(start, dot));
}

/** True when the character at `i` ends a sentence (not an abbreviation's dot). */
export function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!(c === 46 || c === 33 || c === 63 || c === 0x2026)) return false;
  const next = text.charCodeAt(i + 1);
  // NaN past the end: the text's end ends the sentence.
  if (next === next && next !== 32 && next !== 10 && next !== 9) return false;
  if (c === 46 && abbreviationBeforeDot(text, i)) return false;
  return true;
}

/** The double quotation marks the scanner pairs: " “ ” „ « ». */
function isQuoteMarkCode(c: number): boolean {
  return c === 34 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb;
}

/**
 * False for the common characters that cannot end a window (letters, spaces and most ASCII), so the
 * window scans skip them without the line, quote-mark and sentence-end checks.
 */
function mayEndWindow(c: number): boolean {
  return !((c > 63 && c < 0xab) || c === 32);
}

/** True when text[i] (code c) bounds a cue window: a line end, a quote mark or a sentence end. */
function endsWindowAt(text: string, i: number, c: number): boolean {
  return mayEndWindow(c) && (c === 10 || isQuoteMarkCode(c) || endsSentence(text, i));
}

/** Start of the sentence containing `to`, not before `floor` (at most 240 chars back). */
function beforeWindowStart(text: string, to: number, floor: number): number {
  const limit = Math.max(floor, to - 240);
  for (let i = to - 1; i >= limit; i--) {
    if (endsWindowAt(text, i, text.charCodeAt(i))) return i + 1;
  }
  return limit;
}

/** The cue whose speaker phrase spans `tokens`, or null when there are none. */
function cueOf(text: string, tokens: readonly Token[], verb: string, side: Cue['side'], bySubject = false): Cue | null {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined) return null;
  return { phrase: text.slice(first.start, last.end), at: first.start, verb, side, bySubject };
}

const PRONOUN_SUBJECTS = new WordSet(['he', 'she', 'they', 'i', 'we', 'it', 'you', 'who']);
const DETERMINER_WORDS = new WordSet(['a', 'an', 'the', 'one', 'two', 'three', 'several', 'some', 'many', 'his', 'her', 'their', 'its', 'our', 'another', 'other', 'both', 'each', 'this', 'that']);
/** Words that end a subject when walking back from its verb ("…, and Clinton said"). */
const CLAUSE_WORDS = new WordSet(['and', 'but', 'or', 'so', 'yet', 'that', 'which', 'whom', 'whose', 'when', 'while', 'because', 'though', 'although', 'if', 'after', 'before', 'then', 'to', 'with', 'on', 'in', 'at', 'as', 'by', 'from', 'into', 'than', 'about', 'during', 'over', 'where', 'since', 'until', 'what', 'how', 'why', 'not', 'also', 'even']);
/** Head nouns of nominal speakers ("a spokesman for the campaign", "the statement"). */
const NOMINAL_HEADS = new WordSet(
  (
    'spokesman spokeswoman spokesperson official officials aide aides source sources statement release report reports memo ' +
    'letter tweet tweets email emails ad ads video campaign committee group lawsuit complaint website editorial board ' +
    'adviser advisers advisor strategist strategists analyst analysts expert experts poll survey document documents filing ' +
    'indictment ruling order message note post article story paper newspaper magazine network organization agency ' +
    'department office administration chairman chairwoman director leader leaders senator governor candidate nominee ' +
    'president secretary voter voters supporter supporters protester protesters crowd audience attorney lawyer lawyers ' +
    'prosecutor prosecutors judge court police officer officers agent agents friend friends resident residents woman man ' +
    'person people member members delegate delegates operative operatives donor donors manager executive economist ' +
    'pollster researcher researchers professor historian author writer reporter reporters host anchor site blog ' +
    'front-runner frontrunner challenger incumbent contender hopeful lawmaker lawmakers congressman congresswoman ' +
    'announcement transcript book speech bill text platform party government ministry embassy company firm team staff ' +
    'movie film documentary show program series petition suit filing complaint cable'
  ).split(' '),
);

function isCapitalizedWord(token: Token | undefined): boolean {
  return token !== undefined && token.capitalized;
}

/**
 * The subject just before `verbIndex`: a pronoun, a name with the words of its title
 * ("RNC spokesman Sean Spicer"), or a short nominal ("a spokesman for the campaign"); [] when none fits.
 * An appositive or a parenthesis between subject and verb is skipped ("Jeff Weaver, Sanders' manager, said").
 */
function subjectBefore(tokens: readonly Token[], verbIndex: number, lowercase: boolean): Token[] {
  let i = verbIndex - 1;
  // Adverbs between subject and verb ("Smith quickly said"); capitalized "-ly" words are names ("Kelly").
  while (i >= 0 && isWord(tokens[i]) && (SUBJECT_SKIP_WORDS.hasBare(tokens[i] as Token) || (tokens[i] as Token).lowercase && (tokens[i] as Token).bare.endsWith('ly'))) i--;
  if (isMarkOf(tokens[i], ')')) {
    let j = i - 1;
    while (j >= 0 && i - j < 10 && !isMarkOf(tokens[j], '(')) j--;
    if (isMarkOf(tokens[j], '(')) i = j - 1;
  }
  if (isMarkOf(tokens[i], ',')) {
    let j = i - 1;
    while (j >= 0 && i - j < 20 && !isMarkOf(tokens[j], ',') && !isMarkOf(tokens[j], SENTENCE_MARKS)) j--;
    // A parenthetical attribution ("CNN, Cruz said, called it …"): the one who said it is the speaker.
    const inner = tokens.slice(j + 1, i);
    const innerVerb = inner[inner.length - 1];
    if (tokens[j]?.text === ',' && inner.length >= 2 && inner.length <= 4 && isSpeechVerb(innerVerb) && !(innerVerb as Token).bare.endsWith('ing')) {
      const speaker = subjectBefore(inner, inner.length - 1, lowercase);
      if (speaker.length > 0) return speaker;
    }
    // A role, then the name as its appositive ("his wife, Gabriela Lazar, wrote"): the name.
    if (!lowercase && tokens[j]?.text === ',' && inner.length >= 2 && inner.length <= 4 && inner.every((t) => isCapitalizedWord(t)) && personNameFromRun(inner.map((t) => t.text)) !== null && DETERMINER_WORDS.hasBare(tokens[previousCommaOrStart(tokens, j)] as Token)) return inner;
    if (tokens[j]?.text === ',' && (isCapitalizedWord(tokens[j - 1]) || PRONOUN_SUBJECTS.hasBare(tokens[j - 1] as Token))) {
      i = j - 1;
      // Two appositives: "Alixandria Lapp, a spokeswoman for Senate Majority PAC, a Democratic group, said".
      const k = previousComma(tokens, j);
      if (k > 0 && DETERMINER_WORDS.hasBare(tokens[k + 1] as Token) && isCapitalizedWord(tokens[k - 1])) i = k - 1;
    } else return [];
  }
  const end = i + 1;
  const last = tokens[i];
  if (last === undefined || !isWord(last)) return [];
  if (PRONOUN_SUBJECTS.hasBare(last)) return [last];
  let start = end;
  if (!lowercase && isCapitalizedWord(last)) {
    // A name run, with capitalized words, possessives and title words before it.
    while (start - 1 >= 0 && end - start < 7) {
      const t = tokens[start - 1] as Token;
      const word = isWord(t);
      if (word && (isCapitalizedWord(t) || isTitleLike(t))) start--;
      else if (!word && (t.text === "'" || t.text === '’') && isCapitalizedWord(tokens[start - 2])) start--;
      else break;
    }
    // "the White House": an organisation keeps its article.
    if (start > 0 && /^the$/i.test((tokens[start - 1] as Token).text)) start--;
    return tokens.slice(start, end);
  }
  if (!NOMINAL_HEADS.hasBare(last)) return [];
  // A nominal: determiner + up to four more words ("a spokesman for the campaign").
  for (let j = i; j >= 0 && i - j < 6; j--) {
    const t = tokens[j] as Token;
    if (!isWord(t) || (CLAUSE_WORDS.hasBare(t) && j !== i)) break;
    if (DETERMINER_WORDS.hasBare(t)) start = j;
  }
  return start < end ? tokens.slice(start, end) : [];
}

/** Index of the first token of the phrase ending before tokens[from]: after the nearest punctuation mark (at most 6 back). */
function previousCommaOrStart(tokens: readonly Token[], from: number): number {
  let j = from - 1;
  while (j > 0 && from - j < 6 && isWord(tokens[j - 1])) j--;
  return j;
}

/** Index of the comma before tokens[from] in the same clause (no sentence punctuation or quote between), or -1. */
function previousComma(tokens: readonly Token[], from: number): number {
  for (let j = from - 1; j >= 0 && from - j < 20; j--) {
    const t = tokens[j] as Token;
    if (isMarkOf(t, ',')) return j;
    if (isMarkOf(t, SENTENCE_MARKS)) return -1;
  }
  return -1;
}

function isTitleLike(token: Token): boolean {
  const word = token.bare;
  return isTitleWord(word) || NOMINAL_HEADS.has(word) || word === 'of' || word === 'for';
}

const SUBJECT_AFTER_TOKENS = 8;

/** Tokens of a phrase after an inverting verb ("said RNC spokesman Sean Spicer in a tweet"), from a token list or a reader. */
function subjectAfter(source: readonly Token[] | TokenReader, from: number): Token[] {
  let tokens = source;
  if (tokens instanceof TokenReader) {
    // The phrase takes at most SUBJECT_AFTER_TOKENS tokens: read up to the last of them.
    tokens.has(from + SUBJECT_AFTER_TOKENS - 1);
    tokens = tokens.tokens;
  }
  const out: Token[] = [];
  for (let i = from; i < tokens.length && out.length < SUBJECT_AFTER_TOKENS; i++) {
    const token = tokens[i] as Token;
    if (!isWord(token) || PHRASE_STOP_WORDS.hasBare(token)) break;
    out.push(token);
  }
  return out;
}

/**
 * A short determiner-led nominal right after a closing mark and before its speech verb
 * ("…," the gambling tycoon told Reuters): its head need not be a known nominal head.
 */
function nominalAfterQuote(rest: readonly Token[], verbIndex: number): Token[] {
  const first = rest[0];
  if (first === undefined || !DETERMINER_WORDS.hasBare(first) || verbIndex < 2 || verbIndex > 6) return [];
  for (let j = 1; j < verbIndex; j++) {
    const t = rest[j] as Token;
    if (!(isWord(t) || t.text === '&') || CLAUSE_WORDS.hasBare(t) || PRONOUN_SUBJECTS.hasBare(t)) return [];
  }
  return rest.slice(0, verbIndex);
}

/** Looks for the cue in the clause right after a closing mark. */
export function cueAfter(text: string, closeMark: number, lowercase: boolean): Cue | null {
  const from = closeMark + 1;
  // The clause: up to its sentence end, the next quote mark or the line end (at most 160 chars). Its
  // tokens are read only as far as the tests below look.
  const reader = new TokenReader(text, from, Math.min(text.length, from + 160), true);
  // Leading punctuation is dropped from the tokens, so `rest` starts at the first word.
  const rest = reader.tokens;
  while (reader.has(0) && !isWord(rest[0])) {
    if (!/^[,—–\-:;(]$/.test((rest[0] as Token).text)) return null;
    rest.shift();
  }
  if (!reader.has(0)) return null;
  const head = rest[0] as Token;
  if (head.end - head.start === 9 && head.text === 'according' && reader.has(1) && (rest[1] as Token).bare === 'to') {
    return cueOf(text, subjectAfter(reader, 2), 'according to', 'after');
  }
  if (head.first >= 97 && head.first <= 122 && INVERTING_VERBS.hasBare(head)) {
    return cueOf(text, subjectAfter(reader, 1), head.bare, 'after');
  }
  // "<subject> [adverb] said": the verb must come within the first few words, before any comma.
  let commas = 0;
  for (let k = 1; k < 22 && reader.has(k); k++) {
    const token = rest[k] as Token;
    if (!isWord(token)) {
      // An appositive may sit between a name and its verb: "…," Jeff Weaver, Sanders' manager, said.
      if (token.text === ',' && (++commas > 3 || !(isCapitalizedWord(rest[0]) || DETERMINER_WORDS.hasBare(rest[0] as Token)))) break;
      continue;
    }
    if (k >= 10 && commas === 0) break;
    // "…" for Clinton, said Kunin: an inverting verb right after a comma introduces the speaker.
    if (isMarkOf(rest[k - 1], ',') && INVERTING_VERBS.hasText(token)) {
      const cue = cueOf(text, subjectAfter(reader, k + 1), token.text, 'after');
      if (cue !== null) return cue;
    }
    if (isSpeechVerb(token)) {
      // Both read only the tokens before the verb.
      const subject = subjectBefore(rest, k, lowercase);
      return cueOf(text, subject.length > 0 ? subject : nominalAfterQuote(rest, k), token.bare, 'after');
    }
  }
  return null;
}

/** A named agent after "by", ending on a capitalized word ("host Bill Maher"). */
function agentAfter(tokens: readonly Token[], from: number): Token[] {
  let end = from;
  let lastCapital = -1;
  while (end < tokens.length && end - from < 7) {
    const t = tokens[end] as Token;
    // Lowercase role words may sit inside ("Fox Business moderator Gerard Baker"), clause words end it.
    if (!isWord(t) || CLAUSE_WORDS.hasBare(t) || PHRASE_STOP_WORDS.hasBare(t) || t.bare === 'whether' || PRONOUN_SUBJECTS.hasBare(t) || DETERMINER_WORDS.hasBare(t)) break;
    if (isCapitalizedWord(t)) lastCapital = end;
    end++;
  }
  return lastCapital < 0 ? [] : tokens.slice(from, lastCapital + 1);
}

/**
 * The cue before an opening mark, else the subject of the sentence holding the mark (starting no
 * earlier than `sentenceFloor`). The two windows often cover the same sentence: it is tokenized once.
 */
export function cueOrSubjectBefore(text: string, openMark: number, floor: number, sentenceFloor: number, lowercase: boolean): Cue | null {
  const start = beforeWindowStart(text, openMark, floor);
  const tokens = tokenize(text, start, openMark);
  const cue = cueBeforeIn(text, start, tokens, lowercase);
  if (cue !== null) return cue;
  // The cue window [start, openMark) holds no line or sentence end: the sentence starts at or before it.
  const sentence = sentenceStartOf(text, openMark, sentenceFloor, start);
  return subjectIn(text, sentence === start ? tokens : tokenize(text, sentence, openMark), openMark, lowercase);
}

/** The cue in the sentence before an opening mark (nearest speech verb to the quote), from the tokens of a window starting at `start`. */
function cueBeforeIn(text: string, start: number, tokens: readonly Token[], lowercase: boolean): Cue | null {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const token = tokens[k] as Token;
    if (token.is('according') && tokens[k + 1] !== undefined && (tokens[k + 1] as Token).is('to')) {
      const cue = cueOf(text, subjectAfter(tokens, k + 2), 'according to', 'before');
      if (cue !== null) return cue;
      continue;
    }
    if (!isSpeechVerb(token)) continue;
    const verb = token.bare;
    // A passive ("Sanders was asked by host Bill Maher, …"): the agent speaks.
    if (tokens[k + 1]?.bare === 'by' && verb.endsWith('ed')) {
      const cue = cueOf(text, agentAfter(tokens, k + 2), verb, 'before');
      if (cue !== null) return cue;
      continue;
    }
    // A participle ("…, saying, "…"") takes the subject of its sentence.
    if (verb.endsWith('ing')) {
      const subject = sentenceSubject(text, start, token.start, lowercase);
      if (subject !== null) return { phrase: subject.phrase, at: subject.at, verb, side: 'before', bySubject: true };
      continue;
    }
    const cue = cueOf(text, subjectBefore(tokens, k, lowercase), verb, 'before');
    if (cue !== null) return cue;
    if (INVERTING_VERBS.has(verb)) {
      // "Said Dorothy Poynter, …: "…"": only when nothing but punctuation separates the phrase from the quote.
      const phraseTokens = subjectAfter(tokens, k + 1);
      const after = cueOf(text, phraseTokens, verb, 'before');
      const rest = tokens.slice(k + 1 + phraseTokens.length);
      if (after !== null && rest.length > 0 && rest.every((t) => /^[,:]$/.test(t.text))) return after;
    }
  }
  return null;
}

/** Words that open a sentence with a clause before its subject ("As Trump spoke, the crowd chanted"). */
const LEADING_CLAUSE_WORDS = new WordSet(['alongside', 'amid', 'amidst', 'among', 'continuing', 'here', 'there', 'from', 'to', 'by', 'under', 'over', 'against', 'without', 'within', 'through', 'throughout', 'outside', 'inside', 'beyond', 'near', 'upon', 'toward', 'towards', 'across', 'behind', 'besides', 'given', 'facing', 'speaking', 'responding', 'as', 'when', 'while', 'after', 'before', 'since', 'if', 'in', 'on', 'at', 'during', 'for', 'with', 'although', 'though', 'once', 'until', 'despite', 'like', 'unlike', 'following', 'asked', 'speaking', 'according', 'earlier', 'later', 'meanwhile', 'instead', 'still', 'yet']);
const LEADING_CONJUNCTIONS = new WordSet(['and', 'but', 'so', 'or', 'then', 'now', 'also']);

/**
 * Start of the sentence holding `at` (quote marks do not end sentences here), not before `floor`.
 * A caller that knows text[from, at) holds no line or sentence end may start the search at `from`.
 */
function sentenceStartOf(text: string, at: number, floor: number, from = at): number {
  const limit = Math.max(floor, at - 320);
  for (let i = from - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (mayEndWindow(c) && (c === 10 || endsSentence(text, i))) return i + 1;
  }
  return limit;
}

/**
 * The grammatical subject of the sentence a quotation sits in, when the sentence opens with one
 * ("Former Gov. Mike Huckabee is labeling Obama's actions "…"", "The petition accuses … of "…"").
 * Used for quoted fragments inside reported speech that no speech verb introduces.
 */
function sentenceSubject(text: string, from: number, to: number, lowercase: boolean): Cue | null {
  return subjectIn(text, tokenize(text, from, to), to, lowercase);
}

/** sentenceSubject on the tokens of its sentence, which ends at `to`. */
function subjectIn(text: string, sentenceTokens: readonly Token[], to: number, lowercase: boolean): Cue | null {
  let tokens = sentenceTokens;
  while (tokens.length > 0 && !isWord(tokens[0])) tokens = tokens.slice(1);
  const first = tokens[0];
  if (first === undefined) return null;
  if (LEADING_CONJUNCTIONS.hasBare(first)) tokens = tokens.slice(1);
  const lead = tokens[0];
  if (lead !== undefined && LEADING_CLAUSE_WORDS.hasBare(lead)) {
    // The opening clause may hold commas of its own ("Speaking in Salem, New Hampshire, Trump went"):
    // the subject is the first one after a comma that its verb follows; an appositive one is the fallback.
    let fallback: Cue | null = null;
    for (let k = 1, commas = 0; k < tokens.length && commas < 4; k++) {
      if (!isMarkOf(tokens[k], ',')) continue;
      commas++;
      const cue = subjectOfClause(text, tokens.slice(k + 1), to, lowercase);
      if (cue === null) continue;
      const after = tokens[k + 1 + cue.words];
      if (after !== undefined && !isMarkOf(after, ',')) return cue.cue;
      fallback ??= cue.cue;
    }
    return fallback;
  }
  return subjectOfClause(text, tokens, to, lowercase)?.cue ?? null;
}

/** The subject opening a clause's tokens, with its length in tokens, when its verb phrase follows it. */
function subjectOfClause(text: string, tokens: readonly Token[], to: number, lowercase: boolean): { cue: Cue; words: number } | null {
  // Find where the subject ends: the first lowercase word that is not part of a title or nominal.
  let end = 0;
  const head = tokens[0];
  if (head === undefined || !isWord(head)) return null;
  if (PRONOUN_SUBJECTS.hasBare(head) && head.bare !== 'who' && head.bare !== 'it' && head.bare !== 'you') {
    end = 1;
  } else if (DETERMINER_WORDS.hasBare(head)) {
    // "The petition", "A spokeswoman for …": the first head noun within three words ends the subject.
    let allCapitalized = true;
    for (let k = 1; k < Math.min(tokens.length, 4); k++) {
      const t = tokens[k] as Token;
      if (!isWord(t)) break;
      if (NOMINAL_HEADS.hasBare(t)) {
        end = k + 1;
        break;
      }
      // Capitalized words make an organisation only right after the article ("The Washington Post").
      if (!lowercase && isCapitalizedWord(t) && allCapitalized) end = k + 1;
      else allCapitalized = false;
    }
    if (end === 0) return null;
  } else if (!lowercase && (isCapitalizedWord(head) || isTitleLike(head))) {
    while (end < tokens.length && end < 8) {
      const t = tokens[end] as Token;
      if (isWord(t) && (isCapitalizedWord(t) || (isTitleLike(t) && t.bare !== 'for'))) end++;
      else if (!isWord(t) && (t.text === "'" || t.text === '’' || t.text === '.') && isCapitalizedWord(tokens[end - 1])) end++;
      else break;
    }
    // A subject does not end on "of"/"for" ("Estimates of civic engagement …").
    while (end > 0 && /^(?:of|for)$/.test((tokens[end - 1] as Token).text)) end--;
    if (!tokens.slice(0, end).some((t) => isCapitalizedWord(t))) return null;
  } else if (DETERMINER_WORDS.hasBare(head)) {
    for (let k = 1; k < Math.min(tokens.length, 6); k++) {
      const t = tokens[k] as Token;
      if (!isWord(t)) break;
      if (NOMINAL_HEADS.hasBare(t) || (!lowercase && isCapitalizedWord(t))) end = k + 1;
    }
    if (end === 0) return null;
  } else {
    return null;
  }
  // The subject must be followed by its verb phrase (a lowercase word, an appositive or "himself").
  const next = tokens[end];
  if (next === undefined || next.start >= to) return null;
  const appositive = isMarkOf(next, ',') && !DETERMINER_WORDS.hasBare(head);
  if (!(appositive || (isWord(next) && next.first >= 97 && next.first <= 122 && !CLAUSE_WORDS.hasText(next)))) return null;
  const cue = cueOf(text, tokens.slice(0, end), 'subject', 'before', true);
  return cue === null ? null : { cue, words: end };
}
