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
}

/** How much each kind of line adds to (or costs) the article block it belongs to. */
function blockScore(line: ClassifiedLine): number {
  switch (line.kind) {
    case 'content':
      return line.words;
    case 'neutral':
      return -1;
    case 'truncated':
      return -3;
    case 'boilerplate':
      return -2 - Math.min(line.words, 10) / 2;
    case 'end-marker':
      return -40;
  }
}

/** The contiguous run of lines with the highest total score (Kadane): the main text block. */
function bestBlock(lines: readonly ClassifiedLine[]): { start: number; end: number } | null {
  let best = 0;
  let bestRange: { start: number; end: number } | null = null;
  let running = 0;
  let runStart = 0;
  lines.forEach((line, index) => {
    if (running <= 0) {
      running = 0;
      runStart = index;
    }
    running += blockScore(line);
    if (running > best) {
      best = running;
      bestRange = { start: runStart, end: index + 1 };
    }
  });
  return bestRange;
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
export function cleanArticleText(raw: string): CleanResult {
  try {
    return cleanUnsafe(raw);
  } catch {
    // Defensive: cleaning is best effort and must never break an import.
    return { text: raw.trim(), byline: null };
  }
}

function cleanUnsafe(raw: string): CleanResult {
  const rawLines = splitLines(normalizeText(raw));
  let byline: string | null = null;
  const counts = occurrences(rawLines.map((line) => line.text));
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
    if ((counts.get(text) ?? 0) > 1 && kind !== 'end-marker') kind = 'boilerplate';
    return { text: lineText, kind, words: features.words };
  });

  const block = bestBlock(classified);
  const kept = block === null
    ? classified.filter((line) => line.kind === 'neutral' || line.kind === 'content')
    : classified.slice(block.start, block.end).filter((line) => line.kind === 'content' || line.kind === 'neutral');
  const text = kept.map((line) => line.text).join('\n');
  return { text: text.length <= raw.length ? text : raw.slice(0, 0), byline };
}
