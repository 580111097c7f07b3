/**
 * Person names in running text, found by capitalization alone (no model): runs of capitalized words,
 * titles stripped ("Gen. Li Shangfu" -> "Li Shangfu"), organisations and places left out by their
 * head words. A later bare surname ("Li", "Putin") resolves to the full name mentioned before it.
 */

export type Gender = 'male' | 'female';

// Common first names (and honorifics) whose gender a pronoun must agree with; others stay unknown.
const MALE_FIRST_NAMES = new Set(
  (
    'mr sir lord king prince father james john robert michael william david richard joseph thomas charles christopher daniel ' +
    'matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan ' +
    'jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick ' +
    'raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold ' +
    'keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce ' +
    'albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny ' +
    'barack bernie bernard ted marco jeb mitt mike rand rick chris newt ben reince mitch harry chuck bill ' +
    'tim martin vladimir xi sergei boris emmanuel justin narendra recep benjamin bibi ron dick al jim tom bob steve ' +
    'dan jon ken greg doug mitch marty karl rudy rudolph rudy corey stephen jared eric don hunter beau ' +
    'rex jeff jim lou sean glenn rush tucker bret wolf anderson lester martin luther elijah abraham ' +
    'marc ross allen curt brent reed lindsey trey jason kurt ralph dennis howard kevin calvin ivan nigel tony'
  ).split(' '),
);
const FEMALE_FIRST_NAMES = new Set(
  (
    'mrs ms miss madam dame lady queen princess mother mary patricia jennifer linda elizabeth barbara susan jessica sarah ' +
    'karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah ' +
    'stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha ' +
    'katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia ' +
    'kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa ' +
    'kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa ' +
    'sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary chelsea ivanka melania carly sarah ' +
    'michele nikki condoleezza condi debbie elizabeth kellyanne hope huma donna dianne kamala tammy tulsi amy claire ' +
    'jill megyn katie hope susana kirsten jeanne maxine nancy ruth sonia elena angela theresa marine christiane ' +
    'wendy kimberly brianna ashley becky kate jane lori dana erin tara jennifer stacey tracy alexandra katrina ' +
    'sally molly holly penny peggy maggie jenny monica veronica rosa lucy ellen eleanor marsha loretta barbara'
  ).split(' '),
);

/** Gender a name's first word (or honorific) implies, when it is a common unambiguous first name. */
export function genderOfName(name: string): Gender | null {
  const space = name.indexOf(' ');
  const first = bareWord(space < 0 ? name : name.slice(0, space));
  if (MALE_FIRST_NAMES.has(first)) return 'male';
  if (FEMALE_FIRST_NAMES.has(first)) return 'female';
  return null;
}

/** A capitalized run in the text that reads as a person's name. */
export interface PersonMention {
  /** Name without titles, as written ("Vladimir Putin", or "Putin" for a bare surname). */
  readonly name: string;
  /** Full name this mention refers to (itself when it has two or more words and no earlier full name fits). */
  readonly fullName: string;
  readonly start: number;
  readonly end: number;
  /** Gender implied by an honorific before the name or by its first name, when known. */
  readonly gender: Gender | null;
  /** True when the text gives some evidence it is a person: a title, a known first name, or a bare-surname reference. */
  readonly likelyPerson: boolean;
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
    'aide manager ceo founder co-founder executive analyst economist pollster columnist commentator activist counsel ' +
    'affairs relations communications operations policy outreach'
  ).split(' '),
);

/** Head words that make a capitalized run an organisation, place, event or work rather than a person. */
const NON_PERSON_WORDS = new Set(
  (
    'states state united nations kingdom republic union house senate congress party parties committee council department ' +
    'ministry office agency administration bureau court university college school institute foundation association ' +
    'network news post times journal tribune herald magazine press media radio tv channel show live tonight morning ' +
    'week today company corp corporation inc group bank fund club league campaign pac city county island islands river ' +
    'street avenue road square hall center centre church airport east west north south middle war act plan ' +
    'europe asia africa western eastern northern southern ' +
    'army navy force forces guard police security intelligence federal national international american americans ' +
    'republicans democrats caucus primary convention debate summit conference era day night year month ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august ' +
    'september october november december times fox cnn nbc abc cbs msnbc bbc npr reuters politico breitbart ' +
    'twitter facebook google youtube instagram kremlin pentagon capitol god lord parliament project program initiative ' +
    'coalition alliance movement society watch action trust sun-times daily weekly review report reports institution ' +
    'museum library hospital prize award festival tour stadium arena park hotel tower building plaza airlines airline ' +
    'motors industries holdings partners llc ltd co foundation ' +
    // Places that read like names when capitalized ("New Hampshire", "Iowa").
    'new hampshire jersey york mexico dakota iowa texas florida ohio nevada california michigan wisconsin ' +
    'pennsylvania massachusetts illinois arizona colorado oregon utah kansas kentucky tennessee alabama mississippi ' +
    'louisiana arkansas oklahoma missouri minnesota nebraska connecticut maryland delaware vermont maine alaska hawaii ' +
    'idaho montana wyoming indiana america russia china iran israel syria iraq britain england france germany japan ' +
    'korea canada ukraine afghanistan pakistan india egypt libya turkey europe brussels london paris moscow beijing'
  ).split(' '),
);

/** Capitalized words that start sentences or clauses but are never part of a name. */
const NOT_NAME_WORDS = new Set(
  (
    'the a an and but or nor so yet for of in on at to by from with as if when while after before since until because ' +
    'though although however meanwhile still also then this that these those there here it its he she they we i you ' +
    'his her their our my your what who whom whose which where why how yes no not all some many most more much such ' +
    'officially instead earlier later now today yesterday tomorrow asked said says told according mr ' +
    'though besides despite unlike like among across during under over between against without within via per ' +
    'asked after once every each both either neither another other only even just whatever whoever however ' +
    'dear hey oh yes please thanks see read watch click follow look listen sign subscribe share'
  ).split(' '),
);

const PRONOUN_WORDS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'they', 'them', 'it', 'i', 'we', 'you']);

export function isPronoun(word: string): boolean {
  // Pronouns have at most four letters, and lowercasing never shortens a word: skip the rest.
  return word.length <= 4 && PRONOUN_WORDS.has(word.toLowerCase());
}

function bareWord(token: string): string {
  let word = token.toLowerCase();
  const last = word.charCodeAt(word.length - 1);
  if (last === 46 || last === 44) word = word.slice(0, -1); // trailing . or ,
  if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
  return word;
}

/** True for words that never name a speaker on their own (days, months, clause words, organisations' heads). */
export function isNonNameWord(token: string): boolean {
  const word = bareWord(token);
  return NOT_NAME_WORDS.has(word) || DATE_WORDS.has(word);
}

const DATE_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today tonight yesterday'.split(' '),
);

export function isTitleWord(token: string): boolean {
  return TITLE_WORDS.has(bareWord(token));
}

// A name word: capitalized, letters with inner apostrophes/hyphens/periods (initials "J."), or a particle.
const NAME_TOKEN = /^(?:[A-Z][a-zA-Z\u00C0-\u024F'’-]*\.?|[A-Z]\.|Mc[A-Z][a-z]+|de|van|von|der|la|le|bin|al|da|di|du)$/;
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'la', 'le', 'bin', 'al', 'da', 'di', 'du']);

function isAllCaps(token: string): boolean {
  return token.length > 1 && /^[A-Z]+$/.test(token);
}

/**
 * Turns a run of capitalized words into a person name, or null when it reads as something else.
 * Titles are stripped up to the last title word ("Russian President Vladimir Putin" -> "Vladimir Putin").
 */
export function personNameFromRun(words: readonly string[]): string | null {
  return personFromRun(words)?.name ?? null;
}

/** A run's person, with what the scan reads of it derived once (the object is cached and reused). */
interface RunPerson {
  readonly name: string;
  /** The title word stripped from the front, lowercased ("gen", "mrs"), or null. */
  readonly title: string | null;
  /** The name has two or more words: a full name, indexed for later surname lookups. */
  readonly multiWord: boolean;
  /** Gender the title implies ("mrs"), or null. */
  readonly titleGender: Gender | null;
  /** Gender the title, or else the first name, implies. */
  readonly gender: Gender | null;
  /** Never a person when it stands alone: ends with an apostrophe ("Jones'"), or "Nobody". */
  readonly neverAlone: boolean;
  /**
   * The name, its first and last words, and its proper suffixes of two or more words ("P. Casey" of
   * "Robert P. Casey") as keys of the word table's NameKeys, so the name index compares numbers and
   * never reads these long-lived strings; -1 (and no suffixes) for persons made outside the table.
   */
  readonly nameKey: number;
  readonly firstKey: number;
  readonly lastKey: number;
  readonly suffixKeys: readonly number[];
}

function runPerson(name: string, title: string | null, keys: NameKeys | null): RunPerson {
  const firstSpace = name.indexOf(' ');
  const titleGender = title !== null ? genderOfName(title) : null;
  const firstWord = firstSpace < 0 ? name : name.slice(0, firstSpace);
  const lastWord = firstSpace < 0 ? name : name.slice(name.lastIndexOf(' ') + 1);
  const suffixKeys: number[] = [];
  if (keys !== null) {
    // Every space but the last starts a suffix of two or more words.
    for (let space = firstSpace, next = name.indexOf(' ', space + 1); next >= 0; space = next, next = name.indexOf(' ', space + 1)) {
      suffixKeys.push(keys.keyOf(name.slice(space + 1)));
    }
  }
  return {
    name,
    title,
    multiWord: firstSpace >= 0,
    titleGender,
    gender: titleGender ?? genderOfName(name),
    neverAlone: /['’]$/.test(name) || INDEFINITE_PRONOUNS.has(name.toLowerCase()),
    nameKey: keys === null ? -1 : keys.keyOf(name),
    firstKey: keys === null ? -1 : keys.keyOf(firstWord),
    lastKey: keys === null ? -1 : keys.keyOf(lastWord),
    suffixKeys,
  };
}

function personFromRun(words: readonly string[]): RunPerson | null {
  if (words.length === 1) return singleWordPerson(words[0] as string);
  // Words never contain spaces, so the joined run is a faithful key.
  const key = words.join(' ');
  const cached = multiWordCache.get(key);
  if (cached !== undefined) return cached;
  const person = multiWordPerson(words, null);
  multiWordCache.set(key, person);
  return person;
}

/** The person a run of two or more words names, keyed in `keys` when given. */
function multiWordPerson(words: readonly string[], keys: NameKeys | null): RunPerson | null {
  let tokens = words.map((w) => w.replace(/['’]s$/, ''));
  let lastTitle = -1;
  tokens.forEach((t, i) => {
    if (isTitleWord(t)) lastTitle = i;
  });
  const title = lastTitle >= 0 ? bareWord(tokens[lastTitle] as string) : null;
  tokens = tokens.slice(lastTitle + 1);
  while (tokens.length > 0 && PARTICLES.has(tokens[0] as string)) tokens = tokens.slice(1);
  while (tokens.length > 0 && PARTICLES.has(tokens[tokens.length - 1] as string)) tokens = tokens.slice(0, -1);
  if (tokens.length === 0 || tokens.length > 4) return null;
  if (tokens.some((t) => NON_PERSON_WORDS.has(bareWord(t)) || isAllCaps(t))) return null;
  if (tokens.every((t) => /^[A-Z]\.?$/.test(t))) return null;
  if (tokens.some((t) => (t.length > 1 && NOT_NAME_WORDS.has(bareWord(t))) || /-[a-z]/.test(t))) return null;
  return runPerson(tokens.join(' '), title, keys);
}

/**
 * Verdicts on runs given as strings (personNameFromRun) repeat across calls; a bounded cache saves
 * re-deriving them. Cleared when full, so memory stays flat on any input. The text scan has its
 * own cache keyed by interned words (see CapitalizedWords).
 */
class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

const singleWordCache = new BoundedCache<RunPerson | null>(20_000);
const multiWordCache = new BoundedCache<RunPerson | null>(20_000);

/** Fast path for the most common run, one capitalized word ("China", "Putin's", "The"). */
function singleWordPerson(word: string): RunPerson | null {
  const cached = singleWordCache.get(word);
  if (cached !== undefined) return cached;
  const person = singleWordPersonUncached(word, null);
  singleWordCache.set(word, person);
  return person;
}

function singleWordPersonUncached(word: string, keys: NameKeys | null): RunPerson | null {
  const token = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  if (token.length < 2 || isAllCaps(token) || PARTICLES.has(token) || /-[a-z]/.test(token)) return null;
  const lower = bareWord(token);
  if (TITLE_WORDS.has(lower) || NON_PERSON_WORDS.has(lower) || NOT_NAME_WORDS.has(lower)) return null;
  return runPerson(token, null, keys);
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/** 1 for each code below U+0250 that continues a capitalized word (see isWordTailCode), else 0. */
const WORD_TAIL = new Uint8Array(0x250);
for (let c = 0; c < 0x250; c++) WORD_TAIL[c] = isLetterCode(c) || c === 39 || c === 46 || c === 45 ? 1 : 0;

/** Characters that continue a capitalized word: letters, apostrophes, periods and hyphens. */
function isWordTailCode(c: number): boolean {
  return c < 0x250 ? WORD_TAIL[c] === 1 : c === 0x2019;
}

/** A written word's verdicts: what it contributes to a run, and whether it may be part of one. */
function wordVerdicts(written: string): { readonly token: string; readonly covered: number; readonly usable: boolean } {
  let token = written;
  let covered = written.length;
  // A sentence-final period belongs to the sentence, not the word; keep it on "Gen." and initials.
  if (written.charCodeAt(written.length - 1) === 46) {
    token = written.slice(0, -1);
    if (!(token.length === 1 || isTitleWord(token))) covered -= 1;
  }
  const lower = bareWord(token);
  const usable = TITLE_WORDS.has(lower) || (!NOT_NAME_WORDS.has(lower) && !isAllCaps(token) && NAME_TOKEN.test(token));
  return { token, covered, usable };
}

// Fingerprint of a word's characters (FNV-1a), computed by the scan as it reads them.
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** The tables are replaced (between texts) once they hold this many words, multi-word runs or characters. */
const WORD_LIMIT = 20_000;
const LONGER_RUN_LIMIT = 20_000;
const CHAR_LIMIT = 1 << 18;
/** Runs too long to cache make keys of their own: the keys count too (their persons are not kept). */
const KEY_LIMIT = 100_000;
/** The scan's search for the next capital letter (global: it resumes at lastIndex). */
const CAPITAL = /[A-Z]/g;
/** Runs longer than this are not cached (nearly all names are shorter). */
const MAX_CACHED_RUN = 8;

/** Names and name words numbered in order of first sight; lives as long as the word table that made them. */
class NameKeys {
  private readonly keys = new Map<string, number>();
  /** The string of each key. */
  readonly strings: string[] = [];

  get size(): number {
    return this.strings.length;
  }

  keyOf(text: string): number {
    let key = this.keys.get(text);
    if (key === undefined) {
      key = this.strings.length;
      this.keys.set(text, key);
      this.strings.push(text);
    }
    return key;
  }

  /** The key of `text`, or -1 when it has none (no indexed name or word is `text` then). */
  find(text: string): number {
    return this.keys.get(text) ?? -1;
  }

  /**
   * Per key, its slot in the name index that last claimed these arrays (see NameIndex.slotOf),
   * valid where `slotOwners` holds that index's stamp: array reads instead of Map lookups.
   */
  slots = new Int32Array(1024);
  slotOwners = new Float64Array(1024);
  /** Stamp of the index the slots are filled for (0: none). */
  slotOwner = 0;
  private stamps = 0;

  /** A stamp for a new name index, never given before. */
  newStamp(): number {
    return ++this.stamps;
  }

  /** Makes the slot arrays cover `key`. */
  coverSlot(key: number): void {
    if (key < this.slots.length) return;
    const length = Math.max(this.slots.length * 2, key + 1);
    const slots = new Int32Array(length);
    slots.set(this.slots);
    const owners = new Float64Array(length);
    owners.set(this.slotOwners);
    this.slots = slots;
    this.slotOwners = owners;
  }
}

/**
 * Capitalized words as written ("Smith.", "Putin's"), interned so the scan derives each word's
 * verdict once and slices only words it has not seen: open addressing on the fingerprint the scan
 * computes, each hit verified against a copy of the word's characters (so never a false match).
 * The tables outlive a text, so each is packed to keep a lookup to about three cache lines: the
 * slot (with the fingerprint), the word's record and its characters.
 */
class CapitalizedWords {
  /** Two ints a slot: word id + 1 (0 when empty) and the word's fingerprint; kept at most half full. */
  private slots = new Int32Array(2 << 12);
  /** Four ints a word (see the offsets below): where its characters start in `chars`, their count, its run, the characters a run covers. */
  private records = new Int32Array(RECORD << 11);
  private chars = new Uint16Array(1 << 14);
  private charCount = 0;
  /** Per word, the word without a sentence-final period ("Smith." -> "Smith"; "Gen." and initials keep theirs). */
  private readonly tokens: string[] = [];
  /**
   * Runs of words seen so far, by run id: the person each names, undefined until derived. A word's
   * run of itself is made with the word; longer runs are found by the run one word shorter and
   * their last word, in `extensions`.
   */
  readonly runPersons: (RunPerson | null | undefined)[] = [];
  /** Open addressing on (run id, word id), three ints a slot: run id + 1 (0 when empty), word id, longer run id. */
  private extensions = new Int32Array(3 << 12);
  private extensionCount = 0;
  /** Keys of the names (and their words) of the persons made for this table. */
  readonly keys = new NameKeys();

  get full(): boolean {
    return this.tokens.length >= WORD_LIMIT || this.extensionCount >= LONGER_RUN_LIMIT || this.charCount >= CHAR_LIMIT || this.keys.size >= KEY_LIMIT;
  }

  /** Id of the run of word `id` alone, or -1 when the word is neither a title nor a name word (it ends a run). */
  run(id: number): number {
    return this.records[id * RECORD + RECORD_RUN]!;
  }

  /** Characters of the written word `id` a run covers (a final period only when the word keeps it). */
  covered(id: number): number {
    return this.records[id * RECORD + RECORD_COVERED]!;
  }

  /** Word `id` without a sentence-final period (what a run's person is derived from). */
  token(id: number): string {
    return this.tokens[id] as string;
  }

  /** Id of the word text[start, end) whose fingerprint is `hash`, interning it on first sight. */
  idOf(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot * 2]!;
      if (entry === 0) return this.add(text, start, end, hash, slot);
      if (slots[slot * 2 + 1] === hash && this.sameChars(entry - 1, text, start, end - start)) return entry - 1;
    }
  }

  private sameChars(id: number, text: string, start: number, length: number): boolean {
    const at = id * RECORD;
    if (this.records[at + RECORD_LENGTH] !== length) return false;
    const from = this.records[at + RECORD_CHARS]!;
    const chars = this.chars;
    for (let k = 0; k < length; k++) if (chars[from + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  /** Id of the run `run` followed by word `word`, made on first sight. */
  extend(run: number, word: number): number {
    const mask = this.extensions.length / 3 - 1;
    for (let slot = pairHash(run, word) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const entry = this.extensions[at]!;
      if (entry === run + 1 && this.extensions[at + 1] === word) return this.extensions[at + 2]!;
      if (entry !== 0) continue;
      const longer = this.runPersons.length;
      this.runPersons.push(undefined);
      this.extensions[at] = run + 1;
      this.extensions[at + 1] = word;
      this.extensions[at + 2] = longer;
      if (++this.extensionCount * 2 > mask + 1) this.rehashExtensions();
      return longer;
    }
  }

  private rehashExtensions(): void {
    const old = this.extensions;
    const extensions = new Int32Array(old.length * 2);
    const mask = extensions.length / 3 - 1;
    for (let from = 0; from < old.length; from += 3) {
      if (old[from] === 0) continue;
      let slot = pairHash(old[from]! - 1, old[from + 1]!) & mask;
      while (extensions[slot * 3] !== 0) slot = (slot + 1) & mask;
      extensions.set(old.subarray(from, from + 3), slot * 3);
    }
    this.extensions = extensions;
  }

  private add(text: string, start: number, end: number, hash: number, slot: number): number {
    const id = this.tokens.length;
    const length = end - start;
    const { token, covered, usable } = wordVerdicts(text.slice(start, end));
    let run = -1;
    if (usable) {
      run = this.runPersons.length;
      this.runPersons.push(singleWordPersonUncached(token, this.keys));
    }
    this.tokens.push(token);
    if ((id + 1) * RECORD > this.records.length) this.records = grown(this.records, this.records.length * 2);
    const from = this.charCount;
    if (from + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, from + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < length; k++) this.chars[from + k] = text.charCodeAt(start + k);
    this.charCount = from + length;
    const at = id * RECORD;
    this.records[at + RECORD_CHARS] = from;
    this.records[at + RECORD_LENGTH] = length;
    this.records[at + RECORD_RUN] = run;
    this.records[at + RECORD_COVERED] = covered;
    this.slots[slot * 2] = id + 1;
    this.slots[slot * 2 + 1] = hash;
    if (this.tokens.length * 4 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      let slot = old[from + 1]! & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = old[from]!;
      slots[slot * 2 + 1] = old[from + 1]!;
    }
    this.slots = slots;
  }
}

/** Ints per word record in CapitalizedWords, and their offsets. */
const RECORD = 4;
const RECORD_CHARS = 0;
const RECORD_LENGTH = 1;
const RECORD_RUN = 2;
const RECORD_COVERED = 3;

/** Mixes two ids into a table index. */
function pairHash(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ b;
  return Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ (h >>> 13);
}

function grown(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(length);
  larger.set(array);
  return larger;
}

let capitalizedWords = new CapitalizedWords();

/** Runs that read as a person, in text order, as parallel arrays (no object per run). */
interface PersonRuns {
  readonly starts: number[];
  readonly ends: number[];
  readonly persons: RunPerson[];
  /** The keys the persons' names have. */
  readonly keys: NameKeys;
}

/** The person a run of `length` words (word ids in `ids`) names; `run` is its run id, -1 when too long to cache. */
function personOfRun(table: CapitalizedWords, run: number, ids: readonly number[], length: number): RunPerson | null {
  const known = run >= 0 ? table.runPersons[run] : undefined;
  if (known !== undefined) return known;
  const tokens: string[] = [];
  for (let k = 0; k < length; k++) tokens.push(table.token(ids[k]!));
  const person = multiWordPerson(tokens, table.keys);
  if (run >= 0) table.runPersons[run] = person;
  return person;
}

/**
 * Capitalized runs (consecutive name or title words separated by single spaces only) that read as
 * a person, read from the start of a text as far as asked (`runs` grows in text order). Reads the
 * text once, character codes only; a word seen before costs a fingerprint and a table probe, a run
 * seen before one more probe per word.
 */
class RunScanner {
  readonly runs: PersonRuns;
  /** The word table of this scan: the shared one may be replaced meanwhile, but word ids stay valid in it. */
  private readonly table: CapitalizedWords;
  // Word ids of the open run, its length (0 when none is open), run id (-1 when too long to cache), start and end.
  private readonly ids: number[] = [];
  private runLength = 0;
  private run = -1;
  private runStart = 0;
  private runEnd = 0;
  /** Where the search for the next capital resumes. */
  private resumeAt = 0;
  private finished = false;

  constructor(private readonly text: string) {
    if (capitalizedWords.full) capitalizedWords = new CapitalizedWords();
    this.table = capitalizedWords;
    this.runs = { starts: [], ends: [], persons: [], keys: this.table.keys };
  }

  /** The whole text has been read. */
  get done(): boolean {
    return this.finished;
  }

  /** Reads on until every run starting before `limit` is complete (the whole text for Infinity). */
  readTo(limit: number): void {
    if (this.finished) return;
    const { text, table, runs, ids } = this;
    let { runLength, run, runStart, runEnd } = this;
    const length = text.length;
    // Capitalized words only: most words are lowercase, and a regex skips to the next capital
    // faster than a loop over character codes.
    CAPITAL.lastIndex = this.resumeAt;
    let stopped = false;
    while (CAPITAL.test(text)) {
      const wordStart = CAPITAL.lastIndex - 1;
      if (wordStart >= limit && !(runLength > 0 && runStart < limit)) {
        // Every run starting before the limit is complete: this word is read next time.
        this.resumeAt = wordStart;
        stopped = true;
        break;
      }
      let wordEnd = wordStart + 1;
      if (wordStart > 0 && isLetterCode(text.charCodeAt(wordStart - 1))) {
        // Inside a word ("iPhone"): skipped, and the run is left as it is.
        while (wordEnd < length && isWordTailCode(text.charCodeAt(wordEnd))) wordEnd++;
        CAPITAL.lastIndex = wordEnd;
        continue;
      }
      let hash = Math.imul(HASH_SEED ^ text.charCodeAt(wordStart), HASH_PRIME);
      for (; wordEnd < length; wordEnd++) {
        const tail = text.charCodeAt(wordEnd);
        if (!isWordTailCode(tail)) break;
        hash = Math.imul(hash ^ tail, HASH_PRIME);
      }
      CAPITAL.lastIndex = wordEnd;
      const id = table.idOf(text, wordStart, wordEnd, hash);
      const wordRun = table.run(id);
      // The open run ends unless this is a name or title word one space after it.
      if (runLength > 0 && !(wordRun >= 0 && wordStart === runEnd + 1 && text.charCodeAt(runEnd) === 32)) {
        const person = personOfRun(table, run, ids, runLength);
        if (person !== null) pushRun(runs, runStart, runEnd, person);
        runLength = 0;
      }
      if (wordRun < 0) continue;
      if (runLength === 0) {
        run = wordRun;
        runStart = wordStart;
      } else {
        run = run >= 0 && runLength < MAX_CACHED_RUN ? table.extend(run, id) : -1;
      }
      ids[runLength++] = id;
      runEnd = wordStart + table.covered(id);
    }
    if (!stopped) {
      if (runLength > 0) {
        const person = personOfRun(table, run, ids, runLength);
        if (person !== null) pushRun(runs, runStart, runEnd, person);
        runLength = 0;
      }
      this.finished = true;
    }
    this.runLength = runLength;
    this.run = run;
    this.runStart = runStart;
    this.runEnd = runEnd;
  }
}

function pushRun(runs: PersonRuns, start: number, end: number, person: RunPerson): void {
  runs.starts.push(start);
  runs.ends.push(end);
  runs.persons.push(person);
}

// What follows a person's name: a speech verb or a relative "who" / an appositive ("Ada Fisher, a member").
// Sticky, matched at the name's end in place (every match fits in the 12 characters after it, so
// this equals testing a 12-character slice, without making one).
const PERSON_CONTEXT_AFTER = /(?:,? (?:said|says|told|added|wrote|asked|explained|noted|argued)\b|, (?:who|a|an|the|[0-9]{2}),? )/y;

function personContextAfter(text: string, end: number): boolean {
  PERSON_CONTEXT_AFTER.lastIndex = end;
  return PERSON_CONTEXT_AFTER.test(text);
}

const INDEFINITE_PRONOUNS = new Set('nobody everybody everyone someone somebody anyone anybody none nothing something everything'.split(' '));

// A one-word subject's verb: "Carson defied", "Cruz openly admitted", "Kasich says".
const SUBJECT_VERB_AFTER = /^ (?:[a-z]+ly )?(?:[a-z]{2,}ed|said|says|told|wrote|added|asked)\b/;

function subjectVerbAfter(text: string, end: number): boolean {
  // Every match starts with a space and a lowercase letter: most names fail that without a slice.
  const next = text.charCodeAt(end + 1);
  if (text.charCodeAt(end) !== 32 || next < 97 || next > 122) return false;
  return SUBJECT_VERB_AFTER.test(text.slice(end, end + 24));
}

/**
 * A one-word name no full name explains counts as a person only with evidence: a title before it
 * ("Gov. Kasich", "Judge Berman") or a verb right after it ("Carson defied the question").
 */
function namesPersonAlone(text: string, start: number, end: number, person: RunPerson, midSentence: Map<string, boolean>): boolean {
  const name = person.name;
  if (person.neverAlone) return false;
  if (person.title !== null && person.title !== 'former') return true;
  // A capitalized plural opening a sentence ("Eyebrows", "Prosecutors") is a name ("Sanders") only if
  // the text also capitalizes it elsewhere.
  if (!subjectVerbAfter(text, end)) return false;
  if (!name.endsWith('s')) return true;
  let known = midSentence.get(name);
  if (known === undefined) {
    known = capitalizedMidSentence(text, name, Math.max(0, start - MID_SENTENCE_WINDOW), end + MID_SENTENCE_WINDOW);
    midSentence.set(name, known);
  }
  return known;
}

// How far around a one-word name its other mentions are looked for (keeps huge inputs linear).
const MID_SENTENCE_WINDOW = 20_000;

/**
 * True when `word` occurs in text[windowStart, windowEnd) after a lowercase word or a comma (not at a
 * sentence's start), or three times; checks a few occurrences.
 */
function capitalizedMidSentence(text: string, word: string, windowStart: number, windowEnd: number): boolean {
  // Searching a slice bounds each lookup by the window, not by the rest of the text.
  const window = text.slice(windowStart, windowEnd);
  let from = 0;
  let seen = 0;
  for (let n = 0; n < 30; n++) {
    const at = window.indexOf(word, from);
    if (at < 0) return false;
    from = at + word.length;
    if (isLetterCode(window.charCodeAt(at + word.length))) continue;
    // Named again and again ("Carson … Carson …"): a name, even if each mention opens a sentence.
    if (++seen >= 3) return true;
    if (at < 2 || window.charCodeAt(at - 1) !== 32) continue;
    const before = window.charCodeAt(at - 2);
    if ((before >= 97 && before <= 122) || before === 44) return true;
  }
  return false;
}

/** Words a NameScan decides laterRunMayHold for (each costs a pass over the text), and the characters those passes may read. */
const JOINABLE_WORDS = 32;
const JOINABLE_CHARS = 1 << 20;

/**
 * The last occurrence of `word` in `text` that may sit in a run with another word: a capital in the
 * characters of the word ending one space before it, or a capital one space after its word's end
 * (its word may go on: "Labour's"). -1 for none. A superset of the occurrences that do.
 */
function lastJoinableOccurrence(text: string, word: string): number {
  let last = -1;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    let end = at + word.length;
    while (end < text.length && isWordTailCode(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end + 1);
    let joinable = text.charCodeAt(end) === 32 && next >= 65 && next <= 90;
    if (!joinable && at >= 2 && text.charCodeAt(at - 1) === 32) {
      for (let i = at - 2; i >= 0 && isWordTailCode(text.charCodeAt(i)); i--) {
        const c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) {
          joinable = true;
          break;
        }
      }
    }
    if (joinable) last = at;
  }
  return last;
}

/** True when `word` is the first or last word of `name`. */
function holdsWord(name: string, word: string): boolean {
  return (name.startsWith(word) && name.charCodeAt(word.length) === 32) || (name.endsWith(word) && name.charCodeAt(name.length - word.length - 1) === 32);
}

/** Index of the first of the ascending `starts` after `at`. */
function firstAfter(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mentions of full names in document order: where each starts and the name mentioned (its key). */
class MentionList {
  readonly starts: number[] = [];
  readonly names: number[] = [];

  /** Index of the last mention starting before `at`, or -1. */
  lastBefore(at: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  push(name: number, start: number): void {
    this.starts.push(start);
    this.names.push(name);
  }
}

/** Mentions of the full names sharing a last word, with the name mentioned most often up to each. */
class LastWordGroup extends MentionList {
  /** Per mention, the name mentioned most often up to and including it (ties: most recently). */
  readonly leaders: number[] = [];
  /** Mentions so far of the latest leader (all mentions of a name fall in its last word's group). */
  leaderCount = 0;
}

/**
 * Full names by their words, with where each occurs, for surname lookups answered by binary
 * searches. Mentions must be added in document order (as the scan adds them). Names and words are
 * compared by their keys (see NameKeys).
 */
export class NameIndex {
  /**
   * Each key the index has seen gets a slot (0, 1, 2, … in order of first sight); what the index
   * keeps per key lives in arrays by slot. Slots are found through the key table's shared arrays,
   * which this index claims (refilling them from `slotKeys`) whenever another index used them since.
   */
  private readonly stamp: number;
  private readonly slotKeys: number[] = [];
  // Per slot: mentions of the full names with this last word; with this first word; by this multi-word proper suffix.
  private readonly byLastWord: (LastWordGroup | undefined)[] = [];
  private readonly byFirstWord: (MentionList | undefined)[] = [];
  private readonly bySuffix: (MentionList | undefined)[] = [];
  /** Per slot, mentions so far of the full name with this key. */
  private readonly counts: number[] = [];

  constructor(private readonly keys: NameKeys) {
    this.stamp = keys.newStamp();
  }

  /** Slots given so far (every slot is below this). */
  get slotCount(): number {
    return this.slotKeys.length;
  }

  /** The slot of `key`, or -1 when the index has not seen it. */
  findSlot(key: number): number {
    const keys = this.keys;
    if (keys.slotOwner !== this.stamp) this.claim();
    return key < keys.slots.length && keys.slotOwners[key] === this.stamp ? keys.slots[key]! : -1;
  }

  /** The slot of `key`, given on first sight. */
  slotOf(key: number): number {
    const found = this.findSlot(key);
    if (found >= 0) return found;
    const slot = this.slotKeys.length;
    this.slotKeys.push(key);
    this.byLastWord.push(undefined);
    this.byFirstWord.push(undefined);
    this.bySuffix.push(undefined);
    this.counts.push(0);
    this.register(key, slot);
    return slot;
  }

  private register(key: number, slot: number): void {
    const keys = this.keys;
    keys.coverSlot(key);
    keys.slots[key] = slot;
    keys.slotOwners[key] = this.stamp;
  }

  /** Makes the key table's slot arrays this index's (another index may have filled them meanwhile). */
  private claim(): void {
    this.keys.slotOwner = this.stamp;
    for (let slot = 0; slot < this.slotKeys.length; slot++) this.register(this.slotKeys[slot]!, slot);
  }

  /** Adds a mention of a full name (a multi-word person of the word table) starting at `start`. */
  add(person: RunPerson, start: number): void {
    const name = person.nameKey;
    const lastSlot = this.slotOf(person.lastKey);
    let group = this.byLastWord[lastSlot];
    if (group === undefined) {
      group = new LastWordGroup();
      this.byLastWord[lastSlot] = group;
    }
    const nameSlot = this.slotOf(name);
    const count = this.counts[nameSlot]! + 1;
    this.counts[nameSlot] = count;
    // In document order only `name` gains a mention, and it is the latest: it leads once it has
    // caught up with the previous leader.
    const leaders = group.leaders;
    if (leaders.length === 0 || count >= group.leaderCount) {
      leaders.push(name);
      group.leaderCount = count;
    } else leaders.push(leaders[leaders.length - 1] as number);
    group.push(name, start);
    listIn(this.byFirstWord, this.slotOf(person.firstKey)).push(name, start);
    for (const suffix of person.suffixKeys) listIn(this.bySuffix, this.slotOf(suffix)).push(name, start);
  }

  /**
   * Resolves a (possibly partial) name to the most recently mentioned full name before `at` that ends
   * with it (or, for one word, starts with it: "Li" -> "Li Shangfu"); else the first one mentioned after.
   */
  resolve(name: string, at: number): string | null {
    const key = this.keys.find(name);
    const full = key < 0 ? -1 : name.includes(' ') ? this.resolveWords(key, at) : this.resolveWord(key, at);
    return full < 0 ? null : (this.keys.strings[full] as string);
  }

  /** `resolve` for a one-word name, by keys; -1 for none. */
  resolveWord(word: number, at: number): number {
    const slot = this.findSlot(word);
    if (slot < 0) return -1;
    const before = this.resolveWordBefore(word, at);
    if (before >= 0) return before;
    const byLast = this.byLastWord[slot];
    const byFirst = this.byFirstWord[slot];
    // Nothing before: the first mention after, by last or first word (the last word on a tie).
    const lastAfter = byLast?.starts[0] ?? Number.POSITIVE_INFINITY;
    const firstAfter = byFirst?.starts[0] ?? Number.POSITIVE_INFINITY;
    return (lastAfter <= firstAfter ? byLast?.names[0] : byFirst?.names[0]) ?? -1;
  }

  /** True when some full name indexed so far has `word` as its first or last word. */
  hasWord(word: number): boolean {
    const slot = this.findSlot(word);
    return slot >= 0 && (this.byLastWord[slot] !== undefined || this.byFirstWord[slot] !== undefined);
  }

  /** `resolveWord` from the mentions before `at` only; -1 when there are none. */
  resolveWordBefore(word: number, at: number): number {
    const slot = this.findSlot(word);
    if (slot < 0) return -1;
    // A surname shared by several people ("Sanders"): the one named most often so far.
    const byLast = this.byLastWord[slot];
    if (byLast !== undefined) {
      const last = byLast.lastBefore(at);
      if (last >= 0) return byLast.leaders[last] as number;
    }
    const byFirst = this.byFirstWord[slot];
    if (byFirst !== undefined) {
      const first = byFirst.lastBefore(at);
      if (first >= 0) return byFirst.names[first] as number;
    }
    return -1;
  }

  /** `resolve` for a name of two or more words, by keys; -1 for none. */
  resolveWords(name: number, at: number): number {
    const slot = this.findSlot(name);
    const longer = slot < 0 ? undefined : this.bySuffix[slot];
    return longer === undefined ? -1 : (longer.names[longer.lastBefore(at)] ?? -1);
  }
}

function listIn(lists: (MentionList | undefined)[], slot: number): MentionList {
  let list = lists[slot];
  if (list === undefined) {
    list = new MentionList();
    lists[slot] = list;
  }
  return list;
}

/**
 * Names in a text, found on demand: the index of full names answers speaker lookups, reading the
 * text only as far as a lookup depends on it; every mention (one-word names resolved, gender,
 * evidence) is built from the whole text only when a pronoun needs an antecedent. The text is read
 * once, in order, so results do not depend on what is asked first.
 */
export class NameScan {
  private readonly scanner: RunScanner;
  private readonly index: NameIndex;
  /** Runs added to the index so far. */
  private indexed = 0;
  private found: PersonMention[] | undefined;
  /** Per word, the last occurrence that may join a longer run (see laterRunMayHold); -1 for none. */
  private readonly lastJoinable = new Map<string, number>();
  constructor(private readonly text: string) {
    this.scanner = new RunScanner(text);
    this.index = new NameIndex(this.scanner.runs.keys);
  }

  /** Reads the text until every run starting before `limit` is read and indexed. */
  private readTo(limit: number): void {
    const runs = this.scanner.runs;
    this.scanner.readTo(limit);
    for (let r = this.indexed; r < runs.persons.length; r++) {
      const person = runs.persons[r] as RunPerson;
      if (person.multiWord) this.index.add(person, runs.starts[r] as number);
    }
    this.indexed = runs.persons.length;
  }

  /**
   * The full name `name` refers to at `at` (see NameIndex.resolve), reading the text only as far
   * as the answer depends on it: a name resolves to a mention before `at` when there is one, and
   * only a one-word name without one looks further on, as far as a full name holding it may be.
   */
  resolve(name: string, at: number): string | null {
    this.readTo(at);
    if (!this.scanner.done && !name.includes(' ')) {
      const word = this.scanner.runs.keys.find(name);
      const before = word < 0 ? -1 : this.index.resolveWordBefore(word, at);
      if (before >= 0) return this.scanner.runs.keys.strings[before] as string;
      // Else the first full name after holding it: once one is read, no unread one is earlier; and
      // each has an occurrence of the word that may join a run, so reading past the last such
      // occurrence reads them all.
      if (!(word >= 0 && this.index.hasWord(word))) this.readTo(this.lastJoinableOf(name) + 1);
    }
    return this.index.resolve(name, at);
  }

  /**
   * Whether a run starting in (after, before) that `counts` accepts is a person mention of a full
   * name other than `name` (a full name of two or more words), as `mentions` would tell; read only
   * up to `before` when that settles it: a one-word name with no full name before it would need
   * the text after (the first full name holding it), unless it names a person alone and `name`
   * does not hold it. Undefined when it does not settle it.
   */
  otherPersonBetween(after: number, before: number, name: string, counts: (start: number) => boolean): boolean | undefined {
    if (this.found !== undefined || this.text.length > MID_SENTENCE_WINDOW) return undefined;
    this.readTo(before);
    const { starts, ends, persons, keys } = this.scanner.runs;
    let unsettled = false;
    for (let r = firstAfter(starts, after); r < persons.length && (starts[r] as number) < before; r++) {
      const start = starts[r] as number;
      if (!counts(start)) continue;
      const person = persons[r] as RunPerson;
      if (person.multiWord) {
        const longer = this.index.resolveWords(person.nameKey, start);
        if ((longer >= 0 ? keys.strings[longer] : person.name) !== name) return true;
        continue;
      }
      let full = this.index.resolveWordBefore(person.nameKey, start);
      // None before: the first full name after holding the word (once one is read, no unread one is
      // earlier), else the word alone if it names a person alone.
      if (full < 0 && this.index.hasWord(person.nameKey)) full = this.index.resolveWord(person.nameKey, start);
      else if (full < 0 && !this.laterRunMayHold(person.name, before)) {
        if (namesPersonAlone(this.text, start, ends[r] as number, person, new Map())) full = person.nameKey;
      } else if (full < 0) {
        // The word itself or a later full name holding it: neither is `name` unless `name` holds the word.
        if (!holdsWord(name, person.name) && namesPersonAlone(this.text, start, ends[r] as number, person, new Map())) return true;
        unsettled = true;
      }
      if (full >= 0 && keys.strings[full] !== name) return true;
    }
    return unsettled ? undefined : false;
  }

  /**
   * False when no run of two or more words starting at or after `from` can hold `word`: no occurrence
   * of it there has a capital in the word before it (one space back) or a capital word one space
   * after it. Decided once per word, over the whole text, for a bounded number of words.
   */
  private laterRunMayHold(word: string, from: number): boolean {
    return this.lastJoinableOf(word) >= from;
  }

  /**
   * lastJoinableOccurrence of `word`, cached; Infinity (anywhere) once JOINABLE_WORDS words or
   * JOINABLE_CHARS characters of searching are spent, so long texts stay linear.
   */
  private lastJoinableOf(word: string): number {
    let last = this.lastJoinable.get(word);
    if (last === undefined) {
      const words = this.lastJoinable.size + 1;
      if (words > JOINABLE_WORDS || words * this.text.length > JOINABLE_CHARS) return Number.POSITIVE_INFINITY;
      last = lastJoinableOccurrence(this.text, word);
      this.lastJoinable.set(word, last);
    }
    return last;
  }

  get mentions(): PersonMention[] {
    if (this.found === undefined) {
      this.readTo(Number.POSITIVE_INFINITY);
      this.found = personMentions(this.text, this.scanner.runs, this.index);
    }
    return this.found;
  }
}

function personMentions(text: string, runs: PersonRuns, index: NameIndex): PersonMention[] {
  const { starts, ends, persons, keys } = runs;
  // Evidence per full name (by its slot in the index): a title before it, a known first name, or a
  // later bare-surname mention; and the gender it implies (a hole reads as none).
  const likely: boolean[] = [];
  const genders: (Gender | null)[] = [];
  for (let r = 0; r < persons.length; r++) {
    const person = persons[r] as RunPerson;
    if (!person.multiWord) continue;
    const end = ends[r] as number;
    // A gender comes from a title or a known first name, so it is evidence too.
    if (!(person.title !== null || person.gender !== null || personContextAfter(text, end))) continue;
    const slot = index.slotOf(person.nameKey);
    if (person.gender !== null) genders[slot] = person.gender;
    likely[slot] = true;
  }
  const midSentence = new Map<string, boolean>();
  // The key of the full name each run refers to, or -1 when it is not taken for a person.
  const fullNames: number[] = [];
  for (let r = 0; r < persons.length; r++) {
    const person = persons[r] as RunPerson;
    const start = starts[r] as number;
    let full = person.multiWord ? index.resolveWords(person.nameKey, start) : index.resolveWord(person.nameKey, start);
    if (full < 0 && (person.multiWord || namesPersonAlone(text, start, ends[r] as number, person, midSentence))) full = person.nameKey;
    fullNames.push(full);
    if (full < 0) continue;
    if (full !== person.nameKey || !person.multiWord) {
      const slot = index.slotOf(full);
      likely[slot] = true;
      if (person.titleGender !== null && (genders[slot] ?? null) === null) genders[slot] = person.titleGender;
    }
  }
  const mentions: PersonMention[] = [];
  for (let r = 0; r < persons.length; r++) {
    const full = fullNames[r] as number;
    if (full < 0) continue;
    const slot = index.findSlot(full);
    mentions.push({
      name: (persons[r] as RunPerson).name,
      fullName: keys.strings[full] as string,
      start: starts[r] as number,
      end: ends[r] as number,
      gender: slot < 0 ? null : (genders[slot] ?? null),
      likelyPerson: slot < 0 ? false : (likely[slot] ?? false),
    });
  }
  return mentions;
}
