/**
 * Builds a digest: the articles a channel has not seen, best first, each as one embed (headline,
 * concise summary, key quote), packed into as few messages as Discord's limits allow. Pure apart
 * from reading the store and filling the optional caches; the result is plain JSON so the ledger
 * can keep it verbatim.
 */
import type { Article, ArticleStore } from '../articles/types.ts';
import type { Summarize, Summary } from '../summarizer/types.ts';
import { articleFooter, brandColor, embedLength, escapeText, fitText, limits, safeText, splitSentences, type Embed } from '../discord/format.ts';
import { quoteForDisplay } from '../summarizer/quote-display.ts';


/** One Discord message of a digest (allowed mentions are added by whoever posts it). */
export interface DigestMessage {
  readonly content?: string;
  readonly embeds: readonly Embed[];
}

export interface ComposedDigest {
  readonly messages: readonly DigestMessage[];
  /** Articles shown, in the order shown. */
  readonly articleIds: readonly number[];
  /** The channel's new cursor: every article up to it was considered (shown or not good enough). */
  readonly lastArticleId: number;
  /** Number of unseen articles that were considered. */
  readonly considered: number;
}

export interface ComposeInput {
  readonly lastArticleId: number;
  readonly maxArticles: number;
  readonly notifyEmpty: boolean;
  readonly now: Date;
}

export interface ComposeDeps {
  readonly articles: Pick<ArticleStore, 'addedAfter'>;
  readonly summarize: Summarize;
  /** Optional caches shared between digests of one run: many channels see the same articles. */
  readonly summaryCache?: Map<number, Summary>;
  readonly embedCache?: Map<number, Embed>;
}

/** Characters of summary per article: a digest entry stays a glance, not the article. */
export const summaryBudget = 700;
const quoteBudget = 400;
/** How many unseen articles one digest looks at; a larger backlog continues in the next digest. */
const candidateCap = 500;
const pageSize = 100;
const dayMs = 24 * 60 * 60 * 1000;

export const emptyNote = 'No new articles since the last digest.';

/**
 * Joins whole sentences while they fit in `max`; never cuts inside one. Only when even the first
 * sentence is too long is it shortened (at a word, with an ellipsis).
 */
export function fitSentences(sentences: readonly string[], max: number): string {
  let out = '';
  for (const sentence of sentences) {
    const next = out === '' ? sentence : `${out} ${sentence}`;
    if (next.length > max) break;
    out = next;
  }
  if (out === '' && sentences.length > 0) return fitText(sentences[0] ?? '', max);
  return out;
}

/** Escaped, single-spaced sentences: escaping before fitting keeps the count honest. */
function escapedSentences(sentences: readonly string[]): string[] {
  return sentences.map((sentence) => escapeText(sentence.replace(/\s+/g, ' ').trim())).filter((s) => s !== '');
}

function quoteLine(summary: Summary): string {
  const quote = summary.quotes[0];
  if (!quote) return '';
  const text = fitSentences(escapedSentences(splitSentences(quoteForDisplay(quote.text))), quoteBudget);
  if (text === '') return '';
  const speaker = quote.speaker ? ` — *${safeText(quote.speaker, 80)}*` : '';
  return `> “${text}”${speaker}`;
}

/** Recency (a day's half-life) plus summary quality: a real summary, a quote, a named speaker. */
export function articleScore(article: Article, summary: Summary, now: Date): number {
  const when = Date.parse(article.publishedAt ?? article.addedAt);
  const ageDays = Number.isFinite(when) ? Math.max(0, (now.getTime() - when) / dayMs) : 7;
  const recency = Math.pow(0.5, ageDays);
  const body = Math.min(1, summary.summaryWords / 40) * (summary.articleWords >= 80 ? 1 : 0.5);
  const quote = summary.quotes.length > 0 ? (summary.quotes[0]?.speaker ? 1 : 0.6) : 0;
  return 0.5 * recency + 0.3 * body + 0.2 * quote;
}

export function articleEmbed(article: Article, summary: Summary): Embed {
  // The article's own headline; the summarizer's best sentence stands in when it has none.
  const headline = article.title.trim() || summary.headline.trim() || 'Untitled article';
  const text = fitSentences(escapedSentences(summary.sentences), summaryBudget);
  const quote = quoteLine(summary);
  const description = [text || '_No summary available._', quote].filter((part) => part !== '').join('\n\n');
  return {
    title: safeText(headline, limits.embedTitle),
    ...(/^https?:\/\//i.test(article.source) ? { url: article.source } : {}),
    description,
    color: brandColor,
    footer: { text: fitText(articleFooter(article), 200) },
  };
}

/** Greedy packing in order: a new message starts when 10 embeds or 6000 characters would be exceeded. */
export function packEmbeds(embeds: readonly Embed[]): Embed[][] {
  const messages: Embed[][] = [];
  let current: Embed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (current.length > 0 && (current.length >= limits.embedsPerMessage || size + length > limits.embedTotal)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

function unseenArticles(articles: ComposeDeps['articles'], after: number): Article[] {
  const found: Article[] = [];
  let cursor = after;
  while (found.length < candidateCap) {
    const page = articles.addedAfter(cursor, Math.min(pageSize, candidateCap - found.length));
    if (page.length === 0) break;
    found.push(...page);
    cursor = page[page.length - 1]?.id ?? cursor;
    if (page.length < pageSize) break;
  }
  return found;
}

export function composeDigest(input: ComposeInput, deps: ComposeDeps): ComposedDigest {
  const candidates = unseenArticles(deps.articles, input.lastArticleId);
  const lastArticleId = candidates.reduce((max, article) => Math.max(max, article.id), input.lastArticleId);
  if (candidates.length === 0) {
    return {
      messages: input.notifyEmpty ? [{ content: emptyNote, embeds: [] }] : [],
      articleIds: [],
      lastArticleId,
      considered: 0,
    };
  }
  const scored = candidates.map((article) => {
    let summary = deps.summaryCache?.get(article.id);
    if (!summary) {
      summary = deps.summarize(article.cleanText, { length: 'short' });
      deps.summaryCache?.set(article.id, summary);
    }
    return { article, summary, score: articleScore(article, summary, input.now) };
  });
  // Best first; ties go to the newer article.
  scored.sort((a, b) => b.score - a.score || b.article.id - a.article.id);
  const chosen = scored.slice(0, Math.max(1, Math.min(10, input.maxArticles)));
  const pages = packEmbeds(
    chosen.map(({ article, summary }) => {
      // Escaping is the costly part of an embed, and it only depends on the article.
      let embed = deps.embedCache?.get(article.id);
      if (!embed) {
        embed = articleEmbed(article, summary);
        deps.embedCache?.set(article.id, embed);
      }
      return embed;
    }),
  );
  const shown = chosen.length;
  const header = `**Daily digest** · ${shown} new article${shown === 1 ? '' : 's'}${
    candidates.length > shown ? ` (best of ${candidates.length})` : ''
  }`;
  return {
    messages: pages.map((embeds, index) => (index === 0 ? { content: header, embeds } : { embeds })),
    articleIds: chosen.map(({ article }) => article.id),
    lastArticleId,
    considered: candidates.length,
  };
}
