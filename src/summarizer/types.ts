/** Named lengths a reader can ask for. */
export type SummaryLength = 'tldr' | 'short' | 'long';

export interface SummaryOptions {
  /** Named length; ignored when `sentences` is given. Default 'short'. */
  readonly length?: SummaryLength;
  /** Exact number of sentences wanted (at most the article has). */
  readonly sentences?: number;
  /** Upper bound on summary words; the summary never exceeds it (at least one sentence is kept unless it alone is over). */
  readonly maxWords?: number;
}

export interface Quote {
  /** Text between the quote marks, verbatim, without the marks. */
  readonly text: string;
  /** Full name of the speaker when the text supports one, else null. */
  readonly speaker: string | null;
}

export interface Summary {
  readonly headline: string;
  /** Verbatim sentences of the article, in document order. */
  readonly sentences: readonly string[];
  readonly keywords: readonly string[];
  /** Key quotes, best first. */
  readonly quotes: readonly Quote[];
  readonly articleWords: number;
  readonly summaryWords: number;
  /** summaryWords / articleWords, 0 for an empty article. */
  readonly ratio: number;
}

/** The summarizer as callers receive it: a plain function, so tests can pass a fake. */
export type Summarize = (cleanText: string, options: SummaryOptions) => Summary;
