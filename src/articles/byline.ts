/**
 * Byline detection: "By Jane Doe" lines, and names a naive scraper glued into a sentence
 * ("met on Blake PrestonSunday" -> "met on Sunday").
 */

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
/** Words a scraped byline block typically runs into: weekdays, months, dates, roles. */
const GLUE_FOLLOWER = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Updated|Published|Posted|Staff|Senior|Reporter|Correspondent|Contributor)`;
const GLUED_NAME = new RegExp(String.raw`(^|\s)(${NAME_WORD}(?: ${NAME_WORD}){1,2})(?=${GLUE_FOLLOWER}\b)`, 'u');
// No `i` flag: with `u` it would make \p{Lu} match lower case too.
const BY_LINE = new RegExp(String.raw`^(?:[Bb]y|BY|[Ww]ritten by|[Vv]on|[Pp]or|[Pp]ar|[Dd]i)\s+(${NAME_WORD}(?:\s+(?:${NAME_WORD}|\p{Lu}\.|de|van|von|da|di)){0,3})`, 'u');
const CAMEL_GLUE = /(\p{Ll})(\p{Lu})/u;

export interface GluedByline {
  readonly text: string;
  readonly byline: string;
}

/** Removes a byline glued into a sentence; null when there is none. */
export function removeGluedByline(line: string): GluedByline | null {
  const match = GLUED_NAME.exec(line);
  if (match === null) return null;
  const [, lead = '', name = ''] = match;
  const start = match.index + lead.length;
  return { text: line.slice(0, start) + line.slice(start + name.length), byline: name };
}

/** The author name of a short "By Jane Doe" line (cut where a scraper glued the next word on), or null. */
export function bylineFromLine(line: string): string | null {
  if (line.length > 120) return null;
  const match = BY_LINE.exec(line);
  const name = match?.[1];
  if (name === undefined) return null;
  const glued = CAMEL_GLUE.exec(name);
  const cut = glued === null ? name : name.slice(0, glued.index + 1);
  return cut.includes(' ') || /^\p{Lu}/u.test(cut) ? cut.trim() : null;
}
