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
  /** "Related stories", "More from ...", comments: the article is over. */
  | 'end-marker';

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

/** Whole short lines that close the article: related lists, comment sections, newsletters. */
const END_MARKER =
  /^(?:more (?:from|on|in|stories|news|articles|like this)|related(?: (?:stories|articles|posts|content|news|coverage|topics|links))?|read (?:more|next|also)|you (?:may|might) (?:also )?like|most (?:read|popular|viewed|shared)|recommended(?: for you| stories| reading)?|trending(?: now| stories)?|popular (?:stories|posts|now)|(?:\d+ )?comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|what to read next|top stories|latest (?:news|stories|articles)|also read|see also|previous post|next post|share this(?: article| story)?|sponsored(?: content| stories)?|around the web|don'?t miss|editor'?s picks)\b/iu;

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
const ENDS_WITH_LETTER = /\p{Ll}$/u;

export function classifyLine(line: string, bulleted: boolean, features: LineFeatures): LineKind {
  const { words, endsSentence, sentencePunctuation } = features;
  if (IMAGE_PLACEHOLDER.test(line)) return 'boilerplate';
  if (words <= 6 && END_MARKER.test(line)) return 'end-marker';
  if (words <= 3 && BUTTON_WORD.test(line)) return 'boilerplate';
  if (META_LINE.test(line) && words <= 25) return 'boilerplate';
  if (words <= 12 && BOILERPLATE_PHRASE.test(line)) return 'boilerplate';
  if (words <= 6 && !endsSentence && HAS_DIGIT.test(line) && words <= countDigitsGroups(line) + 3) return 'boilerplate';
  if (words === 0) return 'boilerplate';
  if (bulleted && words <= 4 && !endsSentence) return 'boilerplate';
  // A long line that stops mid-word without any final punctuation is a cut-off teaser.
  if (words >= 10 && ENDS_WITH_LETTER.test(line) && !endsSentence) return 'truncated';
  if (words >= 12 && sentencePunctuation >= 1 && (endsSentence || words >= 20)) return 'content';
  if (words >= 25) return 'content';
  if (ENDS_IN_WORD.test(line) && words <= 2 && !/^\p{Lu}/u.test(line)) return 'boilerplate';
  return 'neutral';
}

function countDigitsGroups(line: string): number {
  return line.match(/\p{N}+/gu)?.length ?? 0;
}
