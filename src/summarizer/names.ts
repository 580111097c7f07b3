/**
 * Person names in running text, found by capitalization alone (no model): runs of capitalized words,
 * titles stripped ("Gen. Li Shangfu" -> "Li Shangfu"), organisations and places left out by their
 * head words. A later bare surname ("Li", "Putin") resolves to the full name mentioned before it.
 */

/** A capitalized run in the text that reads as a person's name. */
export interface PersonMention {
  /** Name without titles, as written ("Vladimir Putin", or "Putin" for a bare surname). */
  readonly name: string;
  /** Full name this mention refers to (itself when it has two or more words and no earlier full name fits). */
  readonly fullName: string;
  readonly start: number;
  readonly end: number;
}

/** Words that precede a name as a title or role; stripped from the front of a run. */
const TITLE_WORDS = new Set(
  (
    'mr mrs ms miss dr prof sir dame lord lady rev fr sen senator rep representative gov governor lt col gen maj capt cmdr adm sgt ' +
    'president vice pres secretary minister chancellor premier leader speaker chairman chairwoman chair chief director ' +
    'judge justice attorney general mayor ambassador commissioner spokesman spokeswoman spokesperson deputy assistant ' +
    'former candidate nominee host anchor correspondent editor reporter author professor king queen prince princess pope ' +
    'sheikh ayatollah emperor officer sheriff councilman councilwoman congressman congresswoman pastor bishop cardinal ' +
    'state defense defence foreign finance interior justice homeland press house senate majority minority whip ' +
    'democratic republican gop democrat dem presidential frontrunner front-runner contender rival strategist adviser advisor ' +
    'aide manager ceo founder co-founder executive analyst economist pollster columnist commentator activist'
  ).split(' '),
);

/** Head words that make a capitalized run an organisation, place, event or work rather than a person. */
const NON_PERSON_WORDS = new Set(
  (
    'states state united nations kingdom republic union house senate congress party parties committee council department ' +
    'ministry office agency administration bureau court university college school institute foundation association ' +
    'network news post times journal tribune herald magazine press media radio tv channel show live tonight morning ' +
    'week today company corp corporation inc group bank fund club league campaign pac city county island islands river ' +
    'street avenue road square hall center centre church airport east west north south middle war act bill plan ' +
    'army navy force forces guard police security intelligence federal national international american americans ' +
    'republicans democrats caucus primary convention debate summit conference era day night year month ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august ' +
    'september october november december times fox cnn nbc abc cbs msnbc bbc npr reuters politico breitbart ' +
    'twitter facebook google youtube instagram kremlin pentagon capitol god lord'
  ).split(' '),
);

/** Capitalized words that start sentences or clauses but are never part of a name. */
const NOT_NAME_WORDS = new Set(
  (
    'the a an and but or nor so yet for of in on at to by from with as if when while after before since until because ' +
    'though although however meanwhile still also then this that these those there here it its he she they we i you ' +
    'his her their our my your what who whom whose which where why how yes no not all some many most more much such ' +
    'officially instead earlier later now today yesterday tomorrow asked said says told according mr'
  ).split(' '),
);

const PRONOUN_WORDS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'they', 'them', 'it', 'i', 'we', 'you']);

export function isPronoun(word: string): boolean {
  return PRONOUN_WORDS.has(word.toLowerCase());
}

function bareWord(token: string): string {
  return token.toLowerCase().replace(/[.,]$/, '').replace(/['’]s$/, '');
}

export function isTitleWord(token: string): boolean {
  return TITLE_WORDS.has(bareWord(token));
}

// A name word: capitalized, letters with inner apostrophes/hyphens/periods (initials "J."), or a particle.
const NAME_TOKEN = /^(?:[A-Z][a-zA-Z\u00C0-\u024F'’-]*\.?|[A-Z]\.|Mc[A-Z][a-z]+|de|van|von|der|la|le|bin|al|da|di|du)$/;
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'la', 'le', 'bin', 'al', 'da', 'di', 'du']);

/** True when the word (without trailing possessive) could be a word of a person's name. */
export function isNameToken(token: string): boolean {
  return NAME_TOKEN.test(token) && !NOT_NAME_WORDS.has(bareWord(token)) && !isAllCaps(token);
}

function isAllCaps(token: string): boolean {
  return token.length > 1 && /^[A-Z]+$/.test(token);
}

/**
 * Turns a run of capitalized words into a person name, or null when it reads as something else.
 * Titles are stripped up to the last title word ("Russian President Vladimir Putin" -> "Vladimir Putin").
 */
export function personNameFromRun(words: readonly string[]): string | null {
  let tokens = words.map((w) => w.replace(/['’]s$/, ''));
  let lastTitle = -1;
  tokens.forEach((t, i) => {
    if (isTitleWord(t)) lastTitle = i;
  });
  tokens = tokens.slice(lastTitle + 1);
  while (tokens.length > 0 && PARTICLES.has(tokens[0] as string)) tokens = tokens.slice(1);
  while (tokens.length > 0 && PARTICLES.has(tokens[tokens.length - 1] as string)) tokens = tokens.slice(0, -1);
  if (tokens.length === 0 || tokens.length > 4) return null;
  if (tokens.some((t) => NON_PERSON_WORDS.has(bareWord(t)) || isAllCaps(t))) return null;
  if (tokens.every((t) => /^[A-Z]\.?$/.test(t))) return null;
  return tokens.join(' ');
}

const WORD = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.-]*/g;

interface RawRun {
  readonly words: string[];
  readonly start: number;
  readonly end: number;
}

/** Capitalized runs: consecutive name tokens separated by single spaces only. */
function capitalizedRuns(text: string): RawRun[] {
  const runs: RawRun[] = [];
  let current: { words: string[]; start: number; end: number } | null = null;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let token = m[0];
    let end = m.index + token.length;
    // A sentence-final period belongs to the sentence, not the word (keep it on initials like "J.").
    if (token.endsWith('.')) {
      token = token.slice(0, -1);
      const abbreviation = token.length === 1 || isTitleWord(token);
      if (!abbreviation) end -= 1;
    }
    const capitalized = isNameToken(token) || (isTitleWord(token) && /^[A-Z]/.test(token));
    const adjacent = current !== null && /^ $/.test(text.slice(current.end, m.index));
    if (capitalized && (PARTICLES.has(token) ? current !== null && adjacent : true)) {
      if (current !== null && adjacent && !text.slice(current.end - 1, current.end).match(/[,;:]/)) {
        current.words.push(token);
        current.end = end;
      } else {
        if (current !== null) runs.push(current);
        current = { words: [token], start: m.index, end };
      }
    } else if (current !== null) {
      runs.push(current);
      current = null;
    }
  }
  if (current !== null) runs.push(current);
  return runs;
}

/**
 * Every person mention in document order. Multi-word names register themselves; a one-word mention
 * counts only when it is the first or last word of a full name mentioned earlier (or later, for a
 * surname that precedes its full name), which keeps places like "China" out.
 */
export function findPersonMentions(text: string): PersonMention[] {
  const runs = capitalizedRuns(text);
  const named = runs.map((run) => ({ run, name: personNameFromRun(run.words) }));
  const fullNames: { name: string; start: number }[] = [];
  for (const { run, name } of named) {
    if (name !== null && name.includes(' ')) fullNames.push({ name, start: run.start });
  }
  const mentions: PersonMention[] = [];
  for (const { run, name } of named) {
    if (name === null) continue;
    if (name.includes(' ')) {
      mentions.push({ name, fullName: resolveAgainst(name, fullNames, run.start) ?? name, start: run.start, end: run.end });
      continue;
    }
    const full = resolveAgainst(name, fullNames, run.start);
    if (full !== null) mentions.push({ name, fullName: full, start: run.start, end: run.end });
  }
  return mentions;
}

/**
 * Resolves a (possibly partial) name to the most recent full name before `at` that contains it as
 * its last or first word; falls back to the first such name after `at`.
 */
export function resolveAgainst(name: string, fullNames: readonly { name: string; start: number }[], at: number): string | null {
  const words = name.split(' ');
  const key = words[words.length - 1] as string;
  const fits = (full: string): boolean => {
    if (full === name) return false;
    const fw = full.split(' ');
    if (words.length > 1) return fw.length > words.length && fw.slice(-words.length).join(' ') === name;
    return fw[fw.length - 1] === key || fw[0] === key;
  };
  let best: string | null = null;
  for (const f of fullNames) {
    if (f.start >= at) break;
    if (fits(f.name)) best = f.name;
  }
  if (best !== null) return best;
  if (words.length > 1) return null;
  for (const f of fullNames) if (f.start > at && fits(f.name)) return f.name;
  return null;
}
