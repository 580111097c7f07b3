/**
 * Removes page furniture from a parsed HTML document before Readability scores it: captions, share bars,
 * author boxes, related-story and newsletter boxes. Readability keeps such nodes when they sit inside the
 * article container (its own filter spares anything whose class also says "content" or "article").
 */

/** Image captions: never article prose in the reference extractions. */
const CAPTION_SELECTOR = 'figcaption, [itemprop="caption"]';
/** Elements marked as side content or hidden; removed unless they hold the article's paragraphs. */
const MARKED_SELECTOR = '[role="complementary"], [aria-hidden="true"], [hidden]';

/** class/id words of furniture boxes, matched as whole words of the attribute ("share-bar", "RelatedLinks"). */
const FURNITURE_WORDS = new Set(
  (
    'caption captions credit credits share sharing social socials related recommended recommendations newsletter ' +
    'promo promotion byline author authors bio outbrain taboola teaser teasers subscribe subscription signup ' +
    'comments comment advert advertisement ad ads sponsored popular trending tags'
  ).split(' '),
);

interface PrunableElement {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PrunableElement>;
  remove(): void;
}

interface PrunableDocument {
  readonly body: PrunableElement | null;
  querySelectorAll(selector: string): ArrayLike<PrunableElement>;
}

/** Splits "article-shareBar related_links" into lower-case words: article, share, bar, related, links. */
function attributeWords(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
}

function looksLikeFurniture(element: PrunableElement): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (names.trim() === '') return false;
  return attributeWords(names).some((word) => FURNITURE_WORDS.has(word));
}

/** Paragraph-sized text blocks inside the element: an article container holds several, furniture few. */
function proseParagraphs(element: PrunableElement): number {
  let count = 0;
  const paragraphs = element.querySelectorAll('p');
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i]?.textContent ?? '';
    if (text.length >= 150) count++;
  }
  return count;
}

const STRUCTURAL_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/** A container with more paragraphs than this is the article itself, whatever its class says. */
const MAX_FURNITURE_PARAGRAPHS = 1;

function removeUnlessProse(elements: ArrayLike<PrunableElement>, test: (element: PrunableElement) => boolean): void {
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element === undefined || STRUCTURAL_TAGS.has(element.tagName.toUpperCase()) || !test(element)) continue;
    if (proseParagraphs(element) > MAX_FURNITURE_PARAGRAPHS) continue;
    element.remove();
  }
}

/**
 * A paragraph or heading that is all link text (and this long) is a teaser for another story; list items
 * are spared, since articles list their sources as links.
 */
const MIN_LINKED_TEASER_CHARS = 30;

function isWhollyLinked(element: PrunableElement): boolean {
  const text = (element.textContent ?? '').trim();
  if (text.length < MIN_LINKED_TEASER_CHARS) return false;
  let linked = 0;
  const links = element.querySelectorAll('a');
  for (let i = 0; i < links.length; i++) linked += (links[i]?.textContent ?? '').trim().length;
  return linked >= text.length * 0.95;
}

export function pruneFurniture(document: PrunableDocument): void {
  const captions = document.querySelectorAll(CAPTION_SELECTOR);
  for (let i = 0; i < captions.length; i++) captions[i]?.remove();
  removeUnlessProse(document.querySelectorAll(MARKED_SELECTOR), () => true);
  removeUnlessProse(document.querySelectorAll('[class],[id]'), looksLikeFurniture);
  removeUnlessProse(document.querySelectorAll('p, h2, h3, h4, h5, h6'), isWhollyLinked);
}
