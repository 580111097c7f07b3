/**
 * Summary quality: ROUGE-1/2/Lsum F1 (x100) of Briefbot at 3 sentences, Lead-3 and every ranker,
 * per source, on ../shared/data/summarization-dev.jsonl. Usage: npm run bench:summary
 */
import { splitSentences } from '../../src/summarizer/sentences.ts';
import { summarize, summarizeWith } from '../../src/summarizer/summarize.ts';
import { RANKERS } from '../../src/summarizer/rank.ts';
import { rouge, type RougeScores } from './rouge.ts';
import { readJsonl, sharedDataFile } from './shared-data.ts';

interface Item {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly reference: string;
}

type System = (text: string) => readonly string[];

const SENTENCES = 3;

const systems: [string, System][] = [
  ['Lead-3', (text) => splitSentences(text).slice(0, SENTENCES)],
  ['Briefbot', (text) => summarize(text, { sentences: SENTENCES }).sentences],
  ...Object.entries(RANKERS).map(([name, ranker]): [string, System] => [
    `ranker:${name}`,
    (text) => summarizeWith(ranker, text, { sentences: SENTENCES }).sentences,
  ]),
];

function format(total: RougeScores, count: number): string {
  const f = (x: number): string => ((100 * x) / Math.max(1, count)).toFixed(2);
  return `${f(total.rouge1)} / ${f(total.rouge2)} / ${f(total.rougeLsum)}`;
}

function main(): void {
  const path = sharedDataFile('summarization-dev.jsonl');
  if (path === null) return;
  const items = readJsonl<Item>(path);
  const only = process.env['SYSTEMS']?.split(',');
  const chosen = only === undefined ? systems : systems.filter(([name]) => only.some((o) => name.includes(o)));
  const sources = [...new Set(items.map((item) => item.source))].sort();
  console.log(`Summary quality: ROUGE F1 x100 (R1 / R2 / RLsum), ${SENTENCES} sentences, ${items.length} articles`);
  console.log(`| system | ${sources.map((s) => `${s} (${items.filter((i) => i.source === s).length})`).join(' | ')} |`);
  console.log(`| --- | ${sources.map(() => '---').join(' | ')} |`);
  for (const [name, system] of chosen) {
    const cells = sources.map((source) => {
      const total = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
      let count = 0;
      for (const item of items) {
        if (item.source !== source) continue;
        const score = rouge(item.reference, system(item.text).join('\n'));
        total.rouge1 += score.rouge1;
        total.rouge2 += score.rouge2;
        total.rougeLsum += score.rougeLsum;
        count++;
      }
      return format(total, count);
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

main();
