import { bylineFromLine, removeGluedByline } from './byline.ts';
import { classifyLine, lineFeatures, type LineKind } from './line-classify.ts';
import { normalizeText, splitLines } from './normalize.ts';

export interface CleanResult {
  readonly text: string;
  readonly byline: string | null;
}

interface ClassifiedLine {
  readonly text: string;
  readonly kind: LineKind;
  readonly words: number;
  /** A prose line with no prose neighbour: typical of teaser blurbs and comments, rare in articles. */
  readonly isolated?: boolean;
}

/** Block-scoring weights, chosen on the developers' benchmark pages (see test/bench/cleaning.ts). */
const TUNE = {
  /** Long paragraphs count at most this many words, so one giant line cannot carry a block. */
  cap: 60,
  offset: 0,
  neutral: 1,
  truncated: 3,
  boiler: 2,
  boilerPerWord: 0.5,
  related: 10,
  /** Prose lines with no prose neighbour (teaser blurbs, comments) count at this fraction. */
  isolatedFactor: 0.3,
  isolatedOffset: 0,
  minArticle: 40,
  preNeutral: 0.3,
  preTruncated: 1,
  preBoiler: 0.5,
  image: 0.5,
} as const;
interface BlockWeights {
  readonly neutral: number;
  readonly truncated: number;
  readonly boilerplate: number;
  readonly boilerplatePerWord: number;
  /** Number rows, bare links and cut-off lines inside the block are article (tables, lists, recipes). */
  readonly keepsData: boolean;
}
const PAGE_WEIGHTS: BlockWeights = { neutral: TUNE.neutral, truncated: TUNE.truncated, boilerplate: TUNE.boiler, boilerplatePerWord: TUNE.boilerPerWord, keepsData: false };
/** An HTML extractor already chose the region, so short lines inside it are less suspect. */
const PRESELECTED_WEIGHTS: BlockWeights = { neutral: TUNE.preNeutral, truncated: TUNE.preTruncated, boilerplate: TUNE.preBoiler, boilerplatePerWord: 0, keepsData: true };

/** How much each kind of line adds to (or costs) the article block it belongs to. */
function blockScore(line: ClassifiedLine, weights: BlockWeights): number {
  switch (line.kind) {
    case 'content':
      return line.isolated ? Math.min(line.words, TUNE.cap) * TUNE.isolatedFactor - TUNE.isolatedOffset : Math.min(line.words, TUNE.cap) - TUNE.offset;
    case 'neutral':
      return -weights.neutral;
    case 'truncated':
      return -weights.truncated;
    case 'image':
      return -TUNE.image;
    case 'data':
      return weights.keepsData ? -weights.neutral : -weights.boilerplate - Math.min(line.words, 10) * weights.boilerplatePerWord;
    case 'boilerplate':
      return -weights.boilerplate - Math.min(line.words, 10) * weights.boilerplatePerWord;
    case 'end-marker':
    case 'comment-start':
      return -40;
    case 'related-marker':
      return -TUNE.related;
  }
}

/** A block at least this strong is an article, so an end marker after it ends the search. */
const ARTICLE_MIN_SCORE = TUNE.minArticle;

/**
 * The contiguous run of lines with the highest total score (Kadane): the main text block. The search
 * stops at the first end marker ("Related stories", "Comments") that follows a block strong enough to be
 * the article, because what comes after it (teasers, comments) can outweigh a short article.
 */
function bestBlock(lines: readonly ClassifiedLine[], weights: BlockWeights): { start: number; end: number } | null {
  let best = 0;
  let bestRange: { start: number; end: number } | null = null;
  let running = 0;
  let runStart = 0;
  for (const [index, line] of lines.entries()) {
    if (line.kind === 'end-marker' && best >= ARTICLE_MIN_SCORE) break;
    // Reader comments follow the article, however short it was.
    if (line.kind === 'comment-start' && best > 0) break;
    if (running <= 0) {
      running = 0;
      runStart = index;
    }
    running += blockScore(line, weights);
    if (running > best) {
      best = running;
      bestRange = { start: runStart, end: index + 1 };
    }
  }
  return bestRange;
}

/** Kinds of line a list inside an article is made of (items, links, quantities, item pictures). */
const LIST_KINDS: ReadonlySet<LineKind> = new Set(['content', 'neutral', 'data', 'truncated']);
const LIST_GAP_KINDS: ReadonlySet<LineKind> = new Set([...LIST_KINDS, 'image']);
/** At most this many lines (a link, a picture, a note) between two numbered items. */
const MAX_ITEM_GAP = 3;
const ITEM_NUMBER = /^(\d{1,3})[.)]\s/u;

function itemNumber(text: string): number | null {
  const match = ITEM_NUMBER.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * A numbered list the article introduces ("...the best deals:" then "1) ...", "2) ...") continues past the
 * block whatever its items look like; menus and teasers are not numbered in sequence. Returns the end of
 * that list (block.end when there is none).
 */
function numberedListEnd(lines: readonly ClassifiedLine[], block: { start: number; end: number }): number {
  const last = lines[block.end - 1];
  if (last === undefined) return block.end;
  let expected: number | null = null;
  if (last.kind === 'content' && last.text.endsWith(':')) expected = 1;
  for (let index = block.end - 1; index >= block.start && expected === null; index--) {
    const line = lines[index];
    if (line === undefined) break;
    const number = itemNumber(line.text);
    if (number !== null) expected = number + 1;
    else if (block.end - index > MAX_ITEM_GAP + 1) break;
  }
  if (expected === null) return block.end;
  let end = block.end;
  let lastItem = -1;
  for (let index = block.end; index < lines.length; index++) {
    const line = lines[index];
    if (line === undefined || !LIST_GAP_KINDS.has(line.kind)) break;
    if (itemNumber(line.text) === expected) {
      expected++;
      lastItem = index;
      end = index + 1;
    } else if (lastItem < 0 || index - lastItem > MAX_ITEM_GAP) {
      break;
    } else if (line.kind !== 'image' && end === index) {
      // The line right after an item (its link or note) belongs to it.
      end = index + 1;
    }
  }
  return end;
}

function isRegionText(kind: LineKind | undefined): boolean {
  return kind === 'neutral' || kind === 'content' || kind === 'data';
}

/**
 * Inside a region an HTML extractor chose, short lines before the first and after the last paragraph (an opening
 * list, a closing remark, a source note) are usually still article, so the block runs on until boilerplate or an
 * end marker in both directions.
 */
function extendOverEdges(lines: readonly ClassifiedLine[], block: { start: number; end: number }): { start: number; end: number } {
  let end = block.end;
  while (end < lines.length) {
    if (!isRegionText(lines[end]?.kind)) break;
    end++;
  }
  let start = block.start;
  while (start > 0 && isRegionText(lines[start - 1]?.kind)) start--;
  // A date or counter opening the region is the page's dateline, not a table row.
  while (start < block.start && lines[start]?.kind === 'data') start++;
  return { start, end };
}

const ELLIPSIS_END = /(?:\.{3}|…)$/u;
const MIN_EXCERPT_LIST = 3;

function endsInEllipsis(line: string): boolean {
  return ELLIPSIS_END.test(line) && line.length >= 40;
}

/** Counts each line's occurrences; menus and teasers repeat, article paragraphs rarely do. */
function occurrences(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/**
 * Strips scraped noise from plain text. Never throws; result text never longer than input.
 * Paragraphs separated by "\n".
 */
export function cleanArticleText(raw: string, options: CleanOptions = {}): CleanResult {
  try {
    return cleanUnsafe(raw, options);
  } catch {
    // Defensive: cleaning is best effort and must never break an import.
    return { text: raw.trim(), byline: null };
  }
}

export interface CleanOptions {
  /**
   * The text is already the article region (an HTML extractor chose it): drop boilerplate lines and
   * whatever follows an end marker, but do not search for the main block again.
   */
  readonly preselected?: boolean;
}

/** One line of the input as the cleaner judged it (for diagnostics and tests). */
export interface ExplainedLine {
  readonly text: string;
  readonly kind: LineKind;
  readonly kept: boolean;
}

/** The cleaner's judgement of every line; `cleanArticleText` keeps exactly the lines marked kept. */
export function explainCleaning(raw: string, options: CleanOptions = {}): { lines: ExplainedLine[]; byline: string | null } {
  const rawLines = splitLines(normalizeText(raw));
  let byline: string | null = null;
  const counts = occurrences(rawLines.map((line) => line.text));
  // Several long lines that trail off in an ellipsis are a list of teaser excerpts; one is just prose.
  const teaserExcerpts = rawLines.filter((line) => endsInEllipsis(line.text)).length >= MIN_EXCERPT_LIST;
  const seenContent = new Set<string>();
  const classified: ClassifiedLine[] = rawLines.map(({ text, bulleted }) => {
    let lineText = text;
    const glued = removeGluedByline(lineText);
    if (glued !== null) {
      lineText = glued.text;
      byline ??= glued.byline;
    }
    const lineByline = bylineFromLine(lineText);
    if (lineByline !== null) {
      byline ??= lineByline;
      return { text: lineText, kind: 'boilerplate', words: 0 };
    }
    const features = lineFeatures(lineText);
    let kind = classifyLine(lineText, bulleted, features);
    if (teaserExcerpts && kind === 'content' && endsInEllipsis(lineText)) kind = 'truncated';
    // Inside an extracted region, repeated short lines are mostly attributions ("— Senate (@senate) May 3").
    const repeatsMatter = options.preselected !== true || kind === 'content';
    if (repeatsMatter && (counts.get(text) ?? 0) > 1 && kind !== 'end-marker' && kind !== 'comment-start') {
      // Repeated menus and teasers are noise; a repeated paragraph (a page that holds its article
      // twice) keeps its first copy.
      const firstCopy = kind === 'content' && !seenContent.has(text);
      seenContent.add(text);
      if (!firstCopy) kind = 'boilerplate';
    }
    return { text: lineText, kind, words: features.words };
  });

  const withContext = classified.map((line, index) =>
    line.kind === 'content' && classified[index - 1]?.kind !== 'content' && classified[index + 1]?.kind !== 'content'
      ? { ...line, isolated: true }
      : line,
  );
  const weights = options.preselected === true ? PRESELECTED_WEIGHTS : PAGE_WEIGHTS;
  const found = bestBlock(withContext, weights) ?? { start: 0, end: classified.length };
  const block = options.preselected === true ? extendOverEdges(withContext, found) : found;
  const listEnd = numberedListEnd(withContext, block);
  const keptKinds: ReadonlySet<LineKind> = new Set(weights.keepsData ? LIST_KINDS : ['content', 'neutral']);
  const lines = classified.map((line, index) => ({
    text: line.text,
    kind: line.kind,
    kept:
      (index >= block.start && index < block.end && keptKinds.has(line.kind)) ||
      (index >= block.end && index < listEnd && LIST_KINDS.has(line.kind)),
  }));
  return { lines, byline };
}

function cleanUnsafe(raw: string, options: CleanOptions): CleanResult {
  const { lines, byline } = explainCleaning(raw, options);
  const text = lines
    .filter((line) => line.kept)
    .map((line) => line.text)
    .join('\n');
  // Guard the contract; every step above only removes characters, so this is never expected to trigger.
  return { text: text.length <= raw.length ? text : '', byline };
}
