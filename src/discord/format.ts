/**
 * Message formatting: plain data in, plain Discord message JSON out. No client, no network, so the
 * digest can reuse the packing and the console can render the same messages as text.
 * Every limit Discord enforces is respected here by cutting at a sentence end, else at a word (only
 * a single word longer than the room is ever cut inside).
 */
import { escapeMarkdown } from 'discord.js';
import type { ArticleListing } from '../articles/types.ts';
import type { ListingPage } from '../briefs/service.ts';
import { quoteForDisplay } from '../summarizer/quote-display.ts';
import type { Quote, Summary } from '../summarizer/types.ts';

/** Discord's documented limits (characters). */
export const limits = {
  messageContent: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  embedTotal: 6000,
  embedsPerMessage: 10,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
  customId: 100,
  buttonLabel: 80,
} as const;

export interface EmbedField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

export interface Embed {
  readonly title?: string;
  readonly description?: string;
  readonly color?: number;
  readonly fields?: readonly EmbedField[];
  readonly footer?: { readonly text: string };
}

export interface ButtonComponent {
  readonly type: 2;
  /** 1 primary, 2 secondary. */
  readonly style: 1 | 2;
  readonly label: string;
  readonly custom_id: string;
  readonly disabled?: boolean;
}

export interface ActionRow {
  readonly type: 1;
  readonly components: readonly ButtonComponent[];
}

/** Nothing we send may ping anyone: every message carries an empty allowed-mentions parse list. */
export const noMentions = Object.freeze({ parse: [] as never[] });

export interface OutgoingMessage {
  readonly content?: string;
  readonly embeds?: readonly Embed[];
  readonly components?: readonly ActionRow[];
  readonly ephemeral?: boolean;
  readonly allowedMentions: typeof noMentions;
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

export const brandColor = 0x2f6fdf;
const ellipsis = '…';

// A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace.
const sentenceEndMark = String.raw`[.!?]["'”’)\]]*`;
const sentenceEnd = new RegExp(`${sentenceEndMark}(?=\\s)`, 'g');
const sentenceGap = new RegExp(`(?<=${sentenceEndMark})\\s+`);

/** Splits text into sentences at the same boundaries fitText prefers to cut at. */
export function splitSentences(text: string): string[] {
  return text.split(sentenceGap);
}

/** Index just past the last whole code point that fits in `max` UTF-16 units. */
function safeCut(text: string, max: number): number {
  if (max <= 0) return 0;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Shortens text to at most `max` characters. Prefers the last sentence boundary when that keeps
 * at least half the room; otherwise cuts at the last space and adds an ellipsis. A single word
 * longer than the room is the only thing ever cut inside.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ellipsis;

  let sentenceCut = -1;
  // Look at the text one char past max: a sentence may end exactly at max.
  const window = text.slice(0, max + 1);
  for (const match of window.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length;
    if (end <= max) sentenceCut = end;
  }
  if (sentenceCut >= max / 2) return text.slice(0, sentenceCut).trimEnd();

  const room = max - ellipsis.length;
  const head = text.slice(0, room + 1);
  const lastSpace = head.search(/\s\S*$/);
  if (lastSpace > 0) {
    const cut = text.slice(0, lastSpace).trimEnd().replace(/[,;:\-–—]+$/, '');
    if (cut.length > 0) return cut + ellipsis;
  }
  return text.slice(0, safeCut(text, room)) + ellipsis;
}

/**
 * Makes outside text (article, user input) inert: markdown is escaped and mentions are broken
 * with a zero-width space, so they neither format, render as mentions, nor ping.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  }).replace(/^(\s*)>/gm, '$1\\>');
  return neutraliseMentions(escaped);
}

export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@[!&]?|#)(\d)/g, '<$1\u200b$2');
}

/** Escapes first, then fits: cuts happen at whitespace, so an escape sequence is never split. */
export function safeText(text: string, max: number): string {
  return fitText(escapeText(text.replace(/\s+/g, ' ').trim()), max);
}

export function message(parts: Omit<OutgoingMessage, 'allowedMentions'>): OutgoingMessage {
  const content = parts.content === undefined ? undefined : fitText(parts.content, limits.messageContent);
  return { ...parts, ...(content === undefined ? {} : { content }), allowedMentions: noMentions };
}

export function ephemeralText(text: string): OutgoingMessage {
  return message({ content: text, ephemeral: true });
}

/** Characters counted against an embed's 6000 total. */
export function embedLength(embed: Embed): number {
  let total = (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length;
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Brings an embed within every limit: each part is fitted, fields beyond 25 are dropped, then the
 * description (and if needed the last fields) shrink until the total fits 6000.
 */
export function fitEmbed(embed: Embed): Embed {
  const fields = (embed.fields ?? []).slice(0, limits.embedFields).map((field) => ({
    ...field,
    name: fitText(field.name, limits.fieldName) || '\u200b',
    value: fitText(field.value, limits.fieldValue) || '\u200b',
  }));
  let fitted: Embed = {
    ...embed,
    ...(embed.title === undefined ? {} : { title: fitText(embed.title, limits.embedTitle) }),
    ...(embed.description === undefined ? {} : { description: fitText(embed.description, limits.embedDescription) }),
    ...(embed.footer === undefined ? {} : { footer: { text: fitText(embed.footer.text, limits.footerText) } }),
    ...(embed.fields === undefined ? {} : { fields }),
  };
  let excess = embedLength(fitted) - limits.embedTotal;
  if (excess > 0 && fitted.description !== undefined) {
    fitted = { ...fitted, description: fitText(fitted.description ?? '', Math.max(0, (fitted.description ?? '').length - excess)) };
    excess = embedLength(fitted) - limits.embedTotal;
  }
  while (excess > 0 && fitted.fields !== undefined && fitted.fields.length > 0) {
    fitted = { ...fitted, fields: fitted.fields.slice(0, -1) };
    excess = embedLength(fitted) - limits.embedTotal;
  }
  return fitted;
}

/** What a footer says about where an article came from. */
export function articleFooter(article: Pick<ArticleListing, 'source' | 'byline' | 'publishedAt' | 'addedAt'>): string {
  const source = /^https?:\/\//i.test(article.source) ? article.source : (article.source.split(/[\\/]/).pop() ?? article.source);
  const parts = [source];
  if (article.byline) parts.push(article.byline);
  const date = articleDate(article);
  if (date) parts.push(date);
  return parts.join(' · ');
}

export function articleDate(article: Pick<ArticleListing, 'publishedAt' | 'addedAt'>): string {
  return (article.publishedAt ?? article.addedAt).slice(0, 10);
}

function quoteField(quote: Quote): EmbedField {
  const name = quote.speaker ? safeText(quote.speaker, limits.fieldName) : 'Unattributed';
  return { name, value: `“${safeText(quoteForDisplay(quote.text), limits.fieldValue - 2)}”` };
}

/** The /summary embed: headline, summary text, up to two key quotes, source footer. */
export function summaryEmbed(article: ArticleListing, summary: Summary): Embed {
  // The stored title is the one readers saw in autocomplete and lists; the summarizer's headline
  // only stands in when there is none.
  const headline = article.title.trim() || summary.headline;
  const text = summary.sentences.join(' ');
  return fitEmbed({
    title: safeText(headline, limits.embedTitle),
    description: text ? safeText(text, limits.embedDescription) : '_This article has no text to summarize._',
    color: brandColor,
    fields: summary.quotes.slice(0, 2).map(quoteField),
    footer: { text: fitText(articleFooter(article), limits.footerText) },
  });
}

/** The /quotes embed: every key quote with its speaker (up to the field limit). */
export function quotesEmbed(article: ArticleListing, quotes: readonly Quote[]): Embed {
  return fitEmbed({
    title: safeText(`Key quotes: ${article.title}`, limits.embedTitle),
    description: quotes.length === 0 ? 'No direct quotes were found in this article.' : `${quotes.length} key quote${quotes.length === 1 ? '' : 's'}`,
    color: brandColor,
    fields: quotes.slice(0, 10).map(quoteField),
    footer: { text: fitText(articleFooter(article), limits.footerText) },
  });
}

/** Custom id of a page button: `articles:page:<n>:<query>`, the query cut to fit 100 chars. */
export function pageCustomId(page: number, query: string | null): string {
  const prefix = `articles:page:${page}:`;
  const room = limits.customId - prefix.length;
  const q = query ?? '';
  return prefix + (q.length <= room ? q : q.slice(0, safeCut(q, room)));
}

export function parsePageCustomId(customId: string): { page: number; query: string | null } | null {
  const match = /^articles:page:(-?\d+):(.*)$/s.exec(customId);
  if (!match) return null;
  const page = Number(match[1]);
  if (!Number.isSafeInteger(page) || page < 0) return null;
  const query = match[2] ?? '';
  return { page, query: query === '' ? null : query };
}

/** One page of /articles: a numbered list plus Previous/Next buttons. */
export function articlesPageMessage(result: ListingPage, pageSize: number): OutgoingMessage {
  const heading = result.query === null ? 'Newest articles' : `Articles matching “${result.query}”`;
  if (result.items.length === 0) {
    return message({
      embeds: [fitEmbed({ title: safeText(heading, limits.embedTitle), description: result.page === 0 ? 'No articles found.' : 'No more articles.', color: brandColor })],
    });
  }
  const lines = result.items.map((item, index) => {
    const position = result.page * pageSize + index + 1;
    const meta = [item.byline, articleDate(item)].filter(Boolean).join(' · ');
    const line = `**${position}.** ${safeText(item.title, 200)} — ${escapeText(meta)} (id ${item.id})`;
    return fitText(line, Math.floor(limits.embedDescription / Math.max(1, pageSize)) - 1);
  });
  const embed = fitEmbed({
    title: safeText(heading, limits.embedTitle),
    description: lines.join('\n'),
    color: brandColor,
    footer: { text: `Page ${result.page + 1} · use /summary article:<id> to read one` },
  });
  // Previous and next always differ in page number, so their custom ids are unique as Discord requires.
  const buttons: ButtonComponent[] = [
    { type: 2, style: 2, label: '◀ Previous', custom_id: pageCustomId(Math.max(0, result.page - 1), result.query), disabled: result.page === 0 },
    { type: 2, style: 2, label: 'Next ▶', custom_id: pageCustomId(result.page + 1, result.query), disabled: !result.hasNext },
  ];
  return message({ embeds: [embed], components: [{ type: 1, components: buttons }] });
}

/** An autocomplete choice: the title (cut to 100) naming the article id. */
export function articleChoice(item: ArticleListing): Choice {
  const name = fitText(item.title.replace(/\s+/g, ' ').trim(), limits.choiceName) || `Article ${item.id}`;
  return { name, value: String(item.id) };
}

export interface HelpEntry {
  readonly usage: string;
  readonly description: string;
}

export function helpEmbed(entries: readonly HelpEntry[]): Embed {
  return fitEmbed({
    title: 'Briefbot — news summaries and key quotes',
    description:
      'Briefbot turns stored news articles into short summaries and pulls out who said what. ' +
      'Start typing an article title in the `article` option and pick one from the list.',
    color: brandColor,
    fields: entries.map((entry) => ({ name: entry.usage, value: entry.description })),
  });
}

/** Undoes escapeText for plain-text output (the console): backslash escapes and zero-width spaces. */
export function unescapeText(text: string): string {
  return text.replace(/\\([\\*_~`|>#\-\[\]().])/g, '$1').replace(/\u200b/g, '');
}

/** Renders a message as a plain text block, for console mode and logs. */
export function renderText(msg: OutgoingMessage): string {
  const out: string[] = [];
  if (msg.content) out.push(unescapeText(msg.content));
  for (const embed of msg.embeds ?? []) {
    if (embed.title) out.push(`== ${unescapeText(embed.title)} ==`);
    if (embed.description) out.push(unescapeText(embed.description).replace(/\*\*/g, ''));
    for (const field of embed.fields ?? []) out.push(`  ${unescapeText(field.name)}: ${unescapeText(field.value)}`);
    if (embed.footer) out.push(`-- ${unescapeText(embed.footer.text)}`);
  }
  for (const row of msg.components ?? []) {
    const shown = row.components.filter((b) => !b.disabled).map((b) => `[${b.label}]`);
    if (shown.length > 0) out.push(shown.join(' '));
  }
  return out.join('\n');
}
