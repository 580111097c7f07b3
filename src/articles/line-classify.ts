/**
 * Line-level boilerplate classification for scraped page text (the idea of jusText / boilerpipe:
 * judge each text block by its length, punctuation and wording, then by its neighbours).
 */

export type LineKind =
  /** Sentence-like prose: the anchor of the article body. */
  | 'content'
  /** Short or ambiguous (headings, short quotes, list items): kept only inside the article body. */
  | 'neutral'
  /** A scraper's image placeholder ("[photo_123]"): never text, but articles interleave them with paragraphs. */
  | 'image'
  /** Numbers-heavy rows and bare links (counters, scores, quantities, URLs): noise on a whole page, data inside an article. */
  | 'data'
  /** Looks like the start of another story cut off mid-word (teasers). */
  | 'truncated'
  /** Menus, share/subscribe/cookie lines, counters, timestamps, credits. */
  | 'boilerplate'
  /** Comments, most-read lists, author boxes: the article is over. */
  | 'end-marker'
  /** The header of a reader comment ("jane says:", "Alex on May 3, 2018 at 5:23 pm said:"): the comments began. */
  | 'comment-start'
  /** The header of a related-stories box, often inside the story. */
  | 'related-marker';

export interface LineFeatures {
  readonly words: number;
  readonly endsSentence: boolean;
  readonly sentencePunctuation: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces count one word per two characters. */
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SENTENCE_END = /[.!?。！？…:;"”’»)\]]$/u;
/** . ! ? , ; and their CJK forms (。！？，、). */
const SENTENCE_PUNCTUATION_CODES = new Set([0x2e, 0x21, 0x3f, 0x2c, 0x3b, 0x3002, 0xff01, 0xff1f, 0xff0c, 0x3001]);

function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** One pass over the line (lines can be megabytes long, so no per-feature regex scans). */
export function lineFeatures(line: string): LineFeatures {
  let spacedWords = 0;
  let unspaced = 0;
  let sentencePunctuation = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    let wordChar: boolean;
    if (code < 128) {
      wordChar = isAsciiWordChar(code);
      if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2c || code === 0x3b) sentencePunctuation++;
    } else {
      const char = line.charAt(i);
      // Surrogate halves test false; astral letters are rare enough not to matter for counting.
      wordChar = WORD_CHAR.test(char);
      if (wordChar && code >= 0x0e00 && UNSPACED_CHAR.test(char)) unspaced++;
      else if (SENTENCE_PUNCTUATION_CODES.has(code)) sentencePunctuation++;
    }
    if (wordChar && !inWord) spacedWords++;
    inWord = wordChar;
  }
  return {
    words: unspaced > line.length / 3 ? Math.ceil(unspaced / 2) : spacedWords,
    endsSentence: SENTENCE_END.test(line.slice(-1)),
    sentencePunctuation,
  };
}

/**
 * Whole lines that close the article: comment sections, most-read lists, author boxes. The line must be
 * the marker alone, so a story that merely mentions comments does not end.
 */
const END_MARKER =
  /^(?:(?:most|more) (?:read|popular|viewed|shared|watched|commented)(?: (?:stories|articles|news|now|today|this week))?|comments?|\d+ (?:comments?|responses?|replies)|(?:\d+ )?(?:thoughts?|responses?|replies|comments?) (?:on|to) .{1,120}|leave a (?:comment|reply)|(?:post|add|write) a comment|join the (?:conversation|discussion)|show comments|view comments|loading comments(?:\.{3}|…)?|what to read next|previous post|next post|about the author|discussion|conversation)\s*[:.!]?$/iu;

/**
 * Headers of related-story boxes ("Related articles", "More from Sportsnet", "Don't miss"). These also
 * appear inside a story, so they weigh against a block without ending it.
 */
const RELATED_MARKER =
  /^(?:(?:more (?:from|on|in|about)|more stories from|latest from|also on)(?: [\p{L}\p{N}.'’&-]+){1,4}|(?:more|related|similar|recommended|suggested|popular|trending|top|latest|other|recent|must) (?:stories|articles|posts|news|content|coverage|reading|videos|links|reads|read)(?: for you)?|related|read (?:more|next|also)|you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you)?|trending(?: now)?|top stories|also read|see also|sponsored(?: content| stories| links)?|around the web|don'?t miss|editor'?s picks?|share this(?: article| story| post)?)\s*[:.!]?$/iu;

/** A link to another story introduced by a label ("Related: ...", "READ MORE: ...", "See also - ..."). */
const LABELLED_TEASER =
  /^(?:related(?: (?:post|posts|article|articles|story|stories|content|coverage|reading|link|links|video))?|read (?:more|next|also)|also read|see also|more|watch|listen|recommended(?: reading)?|suggested reading|don'?t miss|must read|trending|top story)\s*[:|»>–—]\s*\S/iu;

/**
 * A reader comment's header: a short "<name> says:" or a dated "<name> on <date> at <time> said:". An
 * article's "The mayor said:" has neither the present tense nor the date.
 */
const COMMENT_HEADER = /^(?:\S+(?: \S+){0,5} says|.{1,80}\b(?:at|@) \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)? (?:said|says|wrote)|(?:leave a (?:reply|comment) )?cancel reply)\s*:?$/iu;

/** Phrases that mark a line as site furniture when the line is short. */
const BOILERPLATE_PHRASE =
  /\b(?:advertisement|advertising|sponsored|cookies?|subscribe|subscription|newsletter|sign (?:up|in)|log ?in|log out|register|share (?:this|on|via)|follow us|click here|read more|all rights reserved|copyright|terms of (?:use|service)|privacy policy|contact us|about us|skip to|jump to|back to top|download (?:the|our) app|print this|email this|photo:|image:|credit:|getty images|associated press|reuters\b|view comments|show comments|load more|see more|watch:|listen:|order reprints|reprints|print article|text size|font size)\b/i;

/** Single-word share/menu buttons. */
const BUTTON_WORD =
  /^(?:share|tweet|email|print|facebook|twitter|linkedin|pinterest|reddit|whatsapp|flipboard|copy link|close|menu|search|home|next|previous|prev|more|comments?|reply|like|save|advertisement|ad|loading\.*|sections?|video|photos?|gallery)$/iu;

/** Words of a date or time stamp: months and weekdays (English and a few common abbreviations elsewhere), am/pm, zones. */
const DATE_WORDS = new Set(
  (
    'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december ' +
    'mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday ' +
    'ene abr ago dic gen mag giu lug set ott okt dez mär mai juin juil févr avr déc ' +
    'am pm a.m p.m et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist hst jst aest ' +
    'updated published posted modified last on at de del of'
  ).split(' '),
);
const DATE_NUMBER = /^\d{1,4}(?:st|nd|rd|th|h)?$|^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm)?$/iu;

/** A line made only of date and time words with at least one number: "Nov. 20, 2019 5:52 AM EST". */
function isDateLine(line: string, words: number): boolean {
  if (words > 12 || !HAS_DIGIT.test(line)) return false;
  const tokens = line.toLowerCase().split(/[\s,|/()–—-]+/u).filter((token) => token !== '');
  let numbers = 0;
  for (const raw of tokens) {
    const token = raw.replace(/[.:]+$/u, '');
    if (token === '') continue;
    if (DATE_NUMBER.test(token)) numbers++;
    else if (!DATE_WORDS.has(token)) return false;
  }
  return numbers > 0;
}

/** Counters and timestamps: "2025-05-03 04:282092 view", "12 min read", "Updated: 5:50 PM". */
const META_LINE =
  /^(?:\d{4}-\d{2}-\d{2}\b|(?:updated|published|posted|last updated|modified)\b|\d+\s*(?:min(?:ute)?s? read|views?|shares?|comments?|likes?)\b|(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura)\b|\(?(?:reporting|writing|editing|additional reporting|compiled) by\b)/iu;
const HAS_DIGIT = /\p{N}/u;
const BARE_URL = /^(?:https?:\/\/|www\.)\S+$/iu;
const IMAGE_PLACEHOLDER = /^(?:\[[^\]]*\]\s*)+$/u;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const CAPITALIZED_WORD = /(?:^|\s)\p{Lu}/gu;
const LETTER = /\p{L}/u;
const LOWER_START = /^\p{Ll}/u;

/** The last run of letters in the line, found by scanning back (a regex here would be quadratic). */
function lastWord(line: string): string | undefined {
  let end = line.length;
  while (end > 0 && !LETTER.test(line.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && LETTER.test(line.charAt(start - 1))) start--;
  return end > start ? line.slice(start, end) : undefined;
}

/** Ends in a lower-case word with no final punctuation, and is not a Title Case headline. */
function looksCutOff(line: string): boolean {
  const last = lastWord(line);
  if (last === undefined || !LOWER_START.test(last) || !LETTER.test(line.charAt(line.length - 1))) return false;
  const words = line.split(/\s+/).length;
  const capitalized = line.match(CAPITALIZED_WORD)?.length ?? 0;
  return capitalized / words < 0.5;
}

/** "By HNN Staff | November 18, 2019 at 2:26 PM": a byline with its date, whatever the name looks like. */
const DATED_BYLINE = /^by\s[^.!?\d|]{1,50}\|[^.!?]*\d/iu;

const CAMEL_JOIN = /\p{Ll}\p{Lu}/gu;

/**
 * Menu entries a scraper glued together ("ShowcaseAnnual Report Card ShowcaseBest of Breed"): many
 * lower-to-upper joins and almost no punctuation. Prose rarely has more than the odd "iPhone".
 */
function isGluedMenu(line: string, words: number, sentencePunctuation: number): boolean {
  if (words < 4 || sentencePunctuation * 10 > words) return false;
  const joins = line.match(CAMEL_JOIN)?.length ?? 0;
  return joins >= 3 && joins * 6 >= words;
}

export function classifyLine(line: string, bulleted: boolean, features: LineFeatures): LineKind {
  const { words, endsSentence, sentencePunctuation } = features;
  if (line.startsWith('[') && IMAGE_PLACEHOLDER.test(line)) return 'image';
  if (words <= 24 && END_MARKER.test(line)) return 'end-marker';
  if (words <= 20 && COMMENT_HEADER.test(line)) return 'comment-start';
  if (words <= 8 && RELATED_MARKER.test(line)) return 'related-marker';
  if (words <= 25 && LABELLED_TEASER.test(line)) return 'boilerplate';
  if (words <= 3 && BUTTON_WORD.test(line)) return 'boilerplate';
  if (words <= 25 && META_LINE.test(line)) return 'boilerplate';
  if (isDateLine(line, words)) return 'boilerplate';
  if (words <= 20 && DATED_BYLINE.test(line)) return 'boilerplate';
  // A full sentence that happens to mention Reuters or a newsletter is still prose.
  if (words <= 12 && !(endsSentence && words >= 6) && BOILERPLATE_PHRASE.test(line)) return 'boilerplate';
  if (words <= 6 && !endsSentence && HAS_DIGIT.test(line) && words <= countDigitsGroups(line) + 3) return 'data';
  if (words <= 12 && BARE_URL.test(line)) return 'data';
  if (words === 0) return 'boilerplate';
  if (isGluedMenu(line, words, sentencePunctuation)) return 'boilerplate';
  if (bulleted && words <= 4 && !endsSentence) return 'boilerplate';
  // A long line that stops mid-word without any final punctuation is a cut-off teaser.
  if (words >= 10 && !endsSentence && looksCutOff(line)) return 'truncated';
  if (words >= 12 && sentencePunctuation >= 1 && (endsSentence || words >= 20)) return 'content';
  if (words >= 25) return 'content';
  if (ENDS_IN_WORD.test(line) && words <= 2 && !/^\p{Lu}/u.test(line)) return 'boilerplate';
  return 'neutral';
}

function countDigitsGroups(line: string): number {
  return line.match(/\p{N}+/gu)?.length ?? 0;
}
