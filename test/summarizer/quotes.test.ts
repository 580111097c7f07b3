import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findQuoteSpans, findQuotes, isLowercaseText, keyQuotes } from '../../src/summarizer/quotes.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'quotes');
const seed = readFileSync(join(fixtures, 'seed-clean.txt'), 'utf8');

function speakerOf(text: string, quoteStart: string): string | null | undefined {
  return findQuotes(text).find((q) => q.text.startsWith(quoteStart))?.speaker;
}

describe('findQuotes on the seed article', () => {
  it('finds exactly the two quotations, attributed to Vladimir Putin and Li Shangfu', () => {
    const quotes = findQuotes(seed);
    expect(quotes.map((q) => q.speaker)).toEqual(['Vladimir Putin', 'Li Shangfu']);
    expect(quotes[0]?.text.startsWith('We are also working actively')).toBe(true);
    expect(quotes[0]?.text.endsWith('and in the air,')).toBe(true);
    expect(quotes[1]?.text).toBe(
      'outperform the military-political unions of the Cold War era. They rest on the principles of nonalignment, and are very stable.',
    );
  });

  it('keyQuotes gives the same two quotations', () => {
    expect(keyQuotes(seed, 3).map((q) => q.speaker)).toEqual(['Vladimir Putin', 'Li Shangfu']);
    expect(keyQuotes(seed, 1)).toHaveLength(1);
  });
});

describe('quote marks', () => {
  it('handles curly quotes and keeps the text verbatim without the marks', () => {
    const text = 'Senator Jane Doe spoke on Monday.\n“We will not back down on this bill,” Doe said.';
    expect(findQuotes(text)).toEqual([{ text: 'We will not back down on this bill,', speaker: 'Jane Doe' }]);
    // The same in a long text whose two-byte part is too long to copy for the byte search.
    const long = `${text}\n${'Nothing to quote here. '.repeat(4_000)}`;
    expect(findQuotes(long)).toEqual([{ text: 'We will not back down on this bill,', speaker: 'Jane Doe' }]);
  });

  it('pairs a straight opening mark with a curly closing one', () => {
    const text = 'Mayor Tom Berg was blunt. "The budget is simply broken beyond repair,” Berg told reporters.';
    expect(findQuotes(text)).toEqual([{ text: 'The budget is simply broken beyond repair,', speaker: 'Tom Berg' }]);
  });

  it('joins a quotation that runs over paragraphs (reopened mark, no close) into one quote', () => {
    const text = [
      'Governor Ann Lee addressed the legislature on Tuesday.',
      '"We have waited too long for this reform. The people of this state deserve better.',
      '"Today we start to deliver it," Lee said.',
      'The vote is expected next week.',
    ].join('\n');
    const spans = findQuoteSpans(text);
    expect(spans).toHaveLength(1);
    const quote = spans[0];
    expect(quote?.speaker).toBe('Ann Lee');
    expect(quote?.parts).toHaveLength(2);
    expect(quote?.text.startsWith('We have waited too long')).toBe(true);
    expect(quote?.text.endsWith('Today we start to deliver it,')).toBe(true);
    expect(text.slice(quote?.start, quote?.end)).toBe(quote?.text);
  });

  it('does not let an unclosed quote swallow the rest of the article', () => {
    const text = [
      'Chairman Bob Hale opened the session. "This meeting will come to order, he said without a closing mark.',
      'The committee then heard testimony from three witnesses about the budget.',
      '"The numbers do not add up at all," said Rep. Maria Chen.',
    ].join('\n');
    const quotes = findQuotes(text);
    expect(quotes.some((q) => q.text.includes('three witnesses'))).toBe(false);
    expect(quotes.at(-1)).toEqual({ text: 'The numbers do not add up at all,', speaker: 'Maria Chen' });
  });

  it('keyQuotes keeps one of quotations that differ only in case and spacing, but keeps near-duplicates', () => {
    const text = [
      '"We will rebuild the bridge before winter comes," said Mayor Ann Boyd.',
      'Later she repeated it: "we WILL rebuild  the bridge\tbefore winter comes," Boyd said.',
      '"We will rebuild the bridge before winter came," said Tom Reed.',
      '"Café owners will rebuild their shops after the flood," said Ann Boyd.',
      '"CAFÉ owners will rebuild their  shops after the flood," said Ann Boyd.',
    ].join('\n');
    const texts = keyQuotes(text, 5).map((q) => q.text.toLowerCase().replace(/\s+/g, ' '));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toHaveLength(3);
    expect(texts).toContain('we will rebuild the bridge before winter came,');
  });

  it('returns nothing for text without quotations, and an empty list for empty input', () => {
    expect(findQuotes('No quotations here at all.')).toEqual([]);
    expect(findQuotes('')).toEqual([]);
    expect(keyQuotes('', 3)).toEqual([]);
  });
});

describe('speakers', () => {
  it('said X', () => {
    const text = '"The economy is in far better shape than people think," said Treasury Secretary Janet Yellen.';
    expect(speakerOf(text, 'The economy')).toBe('Janet Yellen');
  });

  it('X said, with a surname resolved to the full name mentioned earlier', () => {
    const text = 'Sen. Elizabeth Warren spoke to voters in Boston. "The system is rigged against working families," Warren said.';
    expect(speakerOf(text, 'The system')).toBe('Elizabeth Warren');
  });

  it('according to X', () => {
    const text = 'The plant will close in March. "We have no other option at this point," according to Mark Jensen, the plant manager.';
    expect(speakerOf(text, 'We have no other')).toBe('Mark Jensen');
  });

  it('X told reporters / X added / X wrote / X says', () => {
    const text = [
      'Defense Secretary Lloyd Austin met allies in Brussels.',
      '"Our support for Ukraine will not waver in the coming months," Austin told reporters.',
      '"We will stay the course for as long as it takes," he added.',
      'Senator Rand Paul disagreed. "This spending is not sustainable for the country," Paul wrote on social media.',
      '"Congress has to say no at some point soon," Paul says.',
    ].join('\n');
    expect(speakerOf(text, 'Our support')).toBe('Lloyd Austin');
    expect(speakerOf(text, 'We will stay')).toBe('Lloyd Austin');
    expect(speakerOf(text, 'This spending')).toBe('Rand Paul');
    expect(speakerOf(text, 'Congress has')).toBe('Rand Paul');
  });

  it('X said: before the quotation, and X said that … "partial quote"', () => {
    const text = 'Prime Minister Rishi Sunak said: "We will meet our targets this year without fail." Sunak said that the plan "has been tested against every scenario we could imagine."';
    expect(speakerOf(text, 'We will meet')).toBe('Rishi Sunak');
    expect(speakerOf(text, 'has been tested')).toBe('Rishi Sunak');
  });

  it('a paragraph ending with a colon introduces the quotation that opens the next one', () => {
    const text = 'Senator Amy Klobuchar issued a statement on Monday:\n"We will hold the hearing next week as the committee planned."';
    expect(speakerOf(text, 'We will hold')).toBe('Amy Klobuchar');
  });

  it('resolves he/she to the nearest preceding person of that gender', () => {
    const text = 'Donald Trump attacked Hillary Clinton at the rally. Clinton responded hours later in Ohio. "He is simply unfit to be the commander in chief," she said.';
    expect(speakerOf(text, 'He is simply')).toBe('Hillary Clinton');
  });

  it('skips people named as objects of a sentence whose subject is the same pronoun', () => {
    const text = 'Naureen Jahangir, 35, a nurse, came to the rally. She does not think Clinton can win. "I will vote for the Green candidate this time," she said.';
    expect(speakerOf(text, 'I will vote')).toBe('Naureen Jahangir');
  });

  it('keeps a pronoun with the speaker named just before it', () => {
    const text = 'Sen. Tim Kaine spoke after Donald Trump. "We need a serious plan for the economy," Kaine said. "And we need it now," he added.';
    expect(speakerOf(text, 'And we need it now')).toBe('Tim Kaine');
  });

  it('gives null for a pronoun with no person in the text, never a guessed name', () => {
    const text = 'The storm hit the coast overnight. "We lost everything we had in the flood," she said.';
    expect(speakerOf(text, 'We lost everything')).toBeNull();
  });

  it('keeps a nominal speaker as written when no person fits', () => {
    const text = '"The administration is reviewing the report carefully," a spokesman said.';
    expect(speakerOf(text, 'The administration')).toBe('a spokesman');
    const text2 = '"The president has full confidence in the director," the White House said in a statement.';
    expect(speakerOf(text2, 'The president')).toBe('the White House');
  });

  it('lowercase text: finds the quotes but names no one it cannot tell is a name', () => {
    const text = 'police chief john smith met reporters. " we will find the people who did this , " he said . " the investigation continues , " said smith .';
    const quotes = findQuotes(text);
    expect(quotes.map((q) => q.text)).toEqual(['we will find the people who did this ,', 'the investigation continues ,']);
    expect(quotes.every((q) => q.speaker === null)).toBe(true);
  });
});

describe('keyQuotes', () => {
  it('leaves out scare quotes and short titles, and ranks attributed quotations first', () => {
    const text = [
      'Critics called the plan a "tax grab" and mocked the "Fair Deal" slogan.',
      'Appearing on "Meet the Press," Mayor Carl Benson defended it.',
      '"This plan will lower costs for every family in the city by next year," Benson said.',
      '"Honestly, the numbers here are a great deal better than the old ones."',
    ].join('\n');
    const key = keyQuotes(text, 3);
    expect(key.map((q) => q.text)).toEqual([
      'This plan will lower costs for every family in the city by next year,',
      'Honestly, the numbers here are a great deal better than the old ones.',
    ]);
    expect(key[0]?.speaker).toBe('Carl Benson');
  });

  it('returns at most `limit` quotes and none for a non-positive limit', () => {
    const text = Array.from({ length: 6 }, (_, i) => `"Quote number ${i} is long enough to count here," said Mayor Ann Smith.`).join('\n');
    expect(keyQuotes(text, 2)).toHaveLength(2);
    expect(keyQuotes(text, 0)).toEqual([]);
  });

  it('trusts a caller that knows the text has no capitals, and reads the text otherwise', () => {
    // A lowercase text gets no names guessed: "said mayor ann smith" names no speaker.
    const text = '"quote number one is long enough to count here," said mayor ann smith.';
    expect(isLowercaseText(text)).toBe(true);
    expect(isLowercaseText(text, { hasAsciiCapital: false })).toBe(true);
    expect(isLowercaseText('Mayor Ann Smith spoke.')).toBe(false);
    // The fact is taken as given (the summarizer only passes what its own scan saw).
    expect(isLowercaseText('Mayor Ann Smith spoke.', { hasAsciiCapital: false })).toBe(true);
    expect(isLowercaseText('Mayor Ann Smith spoke.', { hasAsciiCapital: null })).toBe(false);
    expect(keyQuotes(text, 3, { hasAsciiCapital: false })).toEqual(keyQuotes(text, 3));
  });
});

describe('speaker rules', () => {
  it('skips two appositives between a name and its verb', () => {
    const text = '"We are confident the seat stays ours this fall," Alixandria Lapp, a spokeswoman for Senate Majority PAC, a Democratic group, said.';
    expect(findQuotes(text)[0]?.speaker).toBe('Alixandria Lapp');
  });

  it('does not take a lone sentence-opening word for a speaker', () => {
    const text = 'Hours later, the mayor left, telling reporters, "We have nothing more to add about this matter today."';
    expect(findQuotes(text)[0]?.speaker).not.toBe('Hours');
    const colon = 'Wait, it gets better:\n"By law, the agency sets the maximum number every single year."';
    expect(findQuotes(colon)[0]?.speaker).toBeNull();
  });

  it('keeps accented letters in names', () => {
    const text = 'Former president Felipe Calderón spoke. "We are not going to pay for such a wall," Calderón said.';
    expect(findQuotes(text)[0]?.speaker).toBe('Felipe Calderón');
  });

  it('does not resolve a pronoun to a place', () => {
    const text = 'Speaking at a town hall in Salem, New Hampshire, the governor spoke.\n"We will win this state by a wide margin," he said.';
    expect(findQuotes(text)[0]?.speaker).toBeNull();
  });

  it('does not skip a name ending in -ly as if it were an adverb', () => {
    const text = 'Retired astronaut Mark Kelly spoke next.\n"Elections matter," Kelly said. "Look at the records of both of them."';
    expect(findQuotes(text).map((q) => q.speaker)).toEqual(['Mark Kelly', 'Mark Kelly']);
  });

  it('takes a determiner-led nominal right after the quote as written, whatever its head word', () => {
    const text = 'Sheldon Adelson met reporters in Macau.\n"It was very nice to meet him," the gambling tycoon told Reuters. "He was very charming."';
    expect(findQuotes(text).map((q) => q.speaker)).toEqual(['the gambling tycoon', 'the gambling tycoon']);
    const clause = '"We will appeal the ruling soon," the lawyer for the family said.';
    expect(findQuotes(clause)[0]?.speaker).not.toBe('the lawyer for');
  });

  it('resolves he/she to a one-word name the text marks as a person (a title, or a verb right after it)', () => {
    const text = [
      'Donald Trump picked Denver in an interview last week.',
      'Carson defied the question. "I will predict the winner, it will be Denver or Carolina," he said.',
      'Judge Berman took a short recess. When he returned he began by saying, "I do not think prison is necessary."',
    ].join('\n');
    expect(speakerOf(text, 'I will predict')).toBe('Carson');
    expect(speakerOf(text, 'I do not think')).toBe('Berman');
  });

  it('does not take a capitalized plural or an indefinite pronoun opening a sentence for a person', () => {
    const text = 'Eyebrows raised across the room. "We did not expect the vote to pass at all," he said.';
    expect(speakerOf(text, 'We did not expect')).toBeNull();
    const nobody = 'Nobody asked about it. "It was a shameful display by the leaders," he said.';
    expect(speakerOf(nobody, 'It was a shameful')).toBeNull();
  });

  it('finds the subject after an opening participial clause that holds commas of its own', () => {
    const text = 'Former Florida Gov. Jeb Bush trails in the polls.\nSpeaking at a town hall event in Salem, New Hampshire, Donald Trump went after Bush, calling him "a total stiff."';
    expect(speakerOf(text, 'a total stiff')).toBe('Donald Trump');
  });

  it('gives a parenthetical attribution its speaker ("CNN, Cruz said, called …")', () => {
    const text = 'Sen. Ted Cruz spoke in Iowa. CNN, Cruz said, called the announcement "highly significant for the whole race."';
    expect(speakerOf(text, 'highly significant')).toBe('Ted Cruz');
  });

  it('gives a passive speech verb its agent ("was asked by host Bill Maher")', () => {
    const text = 'Bernie Sanders was on the show. Sanders was asked by host Bill Maher, who backs him, "Now, you famously said the emails did not matter?"';
    expect(speakerOf(text, 'Now, you famously')).toBe('Bill Maher');
  });

  it('takes the name of a role-then-name appositive ("his wife, Gabriela Lazar, wrote"), not a place', () => {
    const text = '"We need him because life is very hard here," his wife, Gabriela Lazar, wrote in a letter.';
    expect(speakerOf(text, 'We need him')).toBe('Gabriela Lazar');
    const place = '"I made up my mind last week," Dean Johnson, a salesman from Sumter, South Carolina, said.';
    expect(speakerOf(place, 'I made up')).toBe('Dean Johnson');
  });

  it('continues a speaker into the next paragraph past a longer attribution sentence', () => {
    const text = [
      'Anne Marie Murphy has covered the story for years.',
      '"There is something about all those stories, right?" said Murphy, who thinks often about the reassuring final words of the son to his father.',
      '"I mean, I do not think that all those things are coincidences."',
    ].join('\n');
    expect(speakerOf(text, 'I mean')).toBe('Anne Marie Murphy');
  });

  it('resolves he/she past a name that only modifies the next one ("McConnell spokesman Don Stewart")', () => {
    const text = 'Sen. Mitch McConnell left early. McConnell spokesman Don Stewart would not say when the vote is. "I do not have any new announcements yet," he said.';
    expect(speakerOf(text, 'I do not have')).toBe('Don Stewart');
  });
});
