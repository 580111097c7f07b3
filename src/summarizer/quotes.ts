import type { Quote } from './types.ts';

// Placeholder until the quotes work lands: the signature is the contract.
/** Every direct quotation in the text, in document order, with its speaker when known. */
export function findQuotes(_text: string): Quote[] {
  return [];
}

/** The key quotes of an article, best first. */
export function keyQuotes(text: string, limit = 3): Quote[] {
  return findQuotes(text).slice(0, limit);
}
