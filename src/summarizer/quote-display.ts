/**
 * A quotation as shown on its own: the comma or colon that led into "he said" in the article
 * would dangle once the quote stands alone, so it is dropped. Words are never changed.
 */
export function quoteForDisplay(text: string): string {
  return text.trim().replace(/[\s,;:]+$/u, '');
}
