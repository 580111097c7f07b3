import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanArticleText } from './clean.ts';
import { pruneFurniture } from './prune-dom.ts';

export interface ExtractedPage {
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly text: string;
}

/** Elements whose text stands on its own line. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
/** Elements whose text is never article prose. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

/** Text of a DOM subtree with one line per block element (what a browser's innerText would show). */
function blockText(root: DomNode): string {
  const parts: string[] = [];
  let preformatted = 0;
  const visit = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      // Source line breaks inside a paragraph are plain spaces in HTML; only <pre> keeps them.
      const text = node.textContent ?? '';
      parts.push(preformatted > 0 ? text : text.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) parts.push('\n');
    if (tag === 'PRE') preformatted++;
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i];
      if (child !== undefined) visit(child);
    }
    if (tag === 'PRE') preformatted--;
    if (isBlock) parts.push('\n');
  };
  visit(root);
  return parts
    .join('')
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}

function metaContent(document: Document, selectors: readonly string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

/**
 * Reduces a whole HTML page to its cleaned article text (then runs cleanArticleText on it).
 * Never throws on bad HTML.
 */
export function extractArticleFromHtml(html: string, url?: string): ExtractedPage {
  void url;
  try {
    return extractUnsafe(html);
  } catch {
    // linkedom and Readability are tolerant, but a page must never break an import.
    return { title: null, byline: null, publishedAt: null, text: '' };
  }
}

interface Region {
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly text: string;
}

function extractUnsafe(html: string): ExtractedPage {
  const region = extractRegion(html);
  const cleaned = cleanArticleText(region.text, { preselected: true });
  return { title: region.title, byline: region.byline ?? cleaned.byline, publishedAt: region.publishedAt, text: cleaned.text };
}

function extractRegion(html: string): Region {
  const { document } = parseHTML(html);
  const pageTitle = nonEmpty(metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])) ?? nonEmpty(document.title);
  const metaByline = nonEmpty(metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]']));
  const metaPublished = metaContent(document, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]']);
  // Readability mutates the document it is given, so the metadata above is read first.
  pruneFurniture(document);
  const article = new Readability(document as unknown as Document, { charThreshold: 300 }).parse();
  let text = '';
  if (article?.content) {
    const { document: contentDocument } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(contentDocument.body as unknown as DomNode);
  }
  return {
    title: nonEmpty(article?.title) ?? pageTitle,
    byline: nonEmpty(article?.byline) ?? metaByline,
    publishedAt: toIsoDate(article?.publishedTime) ?? toIsoDate(metaPublished),
    text,
  };
}
