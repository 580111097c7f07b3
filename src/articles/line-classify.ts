/**
 * Line-level boilerplate classification for scraped page text (the idea of jusText / boilerpipe:
 * judge each text block by its length, punctuation and wording, then by its neighbours).
 */

export type LineKind =
  /** Sentence-like prose: the anchor of the article body. */
  | 'content'
  /** Short or ambiguous (headings, short quotes, list items): kept only inside the article body. */
  | 'neutral'
  /** Looks like the start of another story cut off mid-word (teasers). */
  | 'truncated'
  /** Menus, share/subscribe/cookie lines, counters, timestamps, credits. */
  | 'boilerplate'
  /** Comments, most-read lists, author boxes: the article is over. */
  | 'end-marker'
  /** The header of a related-stories box, often inside the story. */
  | 'related-marker';

export interface LineFeatures {
  readonly words: number;
  readonly endsSentence: boolean;
  readonly sentencePunctuation: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Scripts written without spaces count one word per two characters. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;
const SENTENCE_END = /[.!?。！？…:;"”’»)\]]$/u;
const SENTENCE_PUNCTUATION = /[.!?。！？,，、;]/gu;

export function lineFeatures(line: string): LineFeatures {
  const spacedWords = line.match(WORD)?.length ?? 0;
  const unspaced = line.match(UNSPACED_SCRIPT)?.length ?? 0;
  return {
    words: unspaced > line.length / 3 ? Math.ceil(unspaced / 2) : spacedWords,
    endsSentence: SENTENCE_END.test(line),
    sentencePunctuation: line.match(SENTENCE_PUNCTUATION)?.length ?? 0,
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

/** Phrases that mark a line as site furniture when the line is short. */
const BOILERPLATE_PHRASE =
  /\b(?:advertisement|advertising|sponsored|cookies?|subscribe|subscription|newsletter|sign (?:up|in)|log ?in|log out|register|share (?:this|on|via)|follow us|click here|read more|all rights reserved|copyright|terms of (?:use|service)|privacy policy|contact us|about us|skip to|jump to|back to top|download (?:the|our) app|print this|email this|photo:|image:|credit:|getty images|associated press|reuters\b|view comments|show comments|load more|see more|watch:|listen:)\b/iu;

/** Single-word share/menu buttons. */
const BUTTON_WORD =
  /^(?:share|tweet|email|print|facebook|twitter|linkedin|pinterest|reddit|whatsapp|flipboard|copy link|close|menu|search|home|next|previous|prev|more|comments?|reply|like|save|advertisement|ad|loading\.*|sections?|video|photos?|gallery)$/iu;

/** Counters and timestamps: "2025-05-03 04:282092 view", "12 min read", "Updated: 5:50 PM". */
const META_LINE =
  /^(?:\d{4}-\d{2}-\d{2}\b|(?:updated|published|posted|last updated|modified)\b|\d+\s*(?:min(?:ute)?s? read|views?|shares?|comments?|likes?)\b|\(?(?:reporting|writing|editing|additional reporting|compiled) by\b)/iu;
const HAS_DIGIT = /\p{N}/u;
const IMAGE_PLACEHOLDER = /^(?:\[[^\]]*\]\s*)+$/u;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const LAST_WORD = /(\p{L}+)[^\p{L}]*$/u;
const CAPITALIZED_WORD = /(?:^|\s)\p{Lu}/gu;

/** Ends in a lower-case word with no final punctuation, and is not a Title Case headline. */
function looksCutOff(line: string): boolean {
  const lastWord = LAST_WORD.exec(line)?.[1];
  if (lastWord === undefined || !/^\p{Ll}/u.test(lastWord) || !/[\p{L}]$/u.test(line)) return false;
  const words = line.split(/\s+/).length;
  const capitalized = line.match(CAPITALIZED_WORD)?.length ?? 0;
  return capitalized / words < 0.5;
}

export function classifyLine(line: string, bulleted: boolean, features: LineFeatures): LineKind {
  const { words, endsSentence, sentencePunctuation } = features;
  if (IMAGE_PLACEHOLDER.test(line)) return 'boilerplate';
  if (words <= 24 && END_MARKER.test(line)) return 'end-marker';
  if (words <= 8 && RELATED_MARKER.test(line)) return 'related-marker';
  if (words <= 3 && BUTTON_WORD.test(line)) return 'boilerplate';
  if (META_LINE.test(line) && words <= 25) return 'boilerplate';
  if (words <= 12 && BOILERPLATE_PHRASE.test(line)) return 'boilerplate';
  if (words <= 6 && !endsSentence && HAS_DIGIT.test(line) && words <= countDigitsGroups(line) + 3) return 'boilerplate';
  if (words === 0) return 'boilerplate';
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
