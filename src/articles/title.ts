/** Longest headline we derive; Discord embed titles allow 256, but a headline should read as one. */
const MAX_TITLE_LENGTH = 100;
const FALLBACK_TITLE = 'Untitled article';
/** The first sentence ends at . ! ? (or their CJK forms) followed by a space or the end. */
const SENTENCE_END = /[.!?。！？](?=\s|$)/u;

/**
 * A short headline (<= ~100 chars, cut at a word boundary) derived from clean article text when there
 * is no title: the first sentence of the first paragraph, shortened with an ellipsis when too long.
 */
export function deriveTitle(cleanText: string): string {
  const firstParagraph = cleanText
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line !== '');
  if (firstParagraph === undefined) return FALLBACK_TITLE;
  const sentenceEnd = SENTENCE_END.exec(firstParagraph);
  const sentence = sentenceEnd === null ? firstParagraph : firstParagraph.slice(0, sentenceEnd.index + 1);
  // Headlines carry no closing full stop.
  const headline = sentence.replace(/(?<![.\s][A-Za-z])\.$/u, '');
  if (headline.length <= MAX_TITLE_LENGTH) return headline;
  return cutAtClause(headline, MAX_TITLE_LENGTH) ?? cutAtWord(headline, MAX_TITLE_LENGTH - 1) + '…';
}

/**
 * A long first sentence usually opens with its main clause ("X met Y on Sunday, underscoring
 * ..."): ending there reads as a headline, with no ellipsis needed.
 */
function cutAtClause(text: string, limit: number): string | null {
  const window = text.slice(0, limit);
  const cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' — '));
  return cut >= limit * 0.4 ? text.slice(0, cut) : null;
}

/** The longest prefix of at most `limit` characters that ends at a word boundary (without trailing punctuation). */
function cutAtWord(text: string, limit: number): string {
  const slice = text.slice(0, limit + 1);
  const lastSpace = slice.lastIndexOf(' ');
  // A single giant "word" (a URL, unspaced script) is cut hard rather than returned empty.
  const cut = lastSpace > limit / 2 ? slice.slice(0, lastSpace) : text.slice(0, limit);
  return cut.replace(/[\s,;:–—-]+$/u, '');
}
