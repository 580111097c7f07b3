/** Every slash command the bot offers: a static list the compiler checks. */
import type { Command } from '../src/discord/router.ts';
import articles from './articles.ts';
import digest from './digest.ts';
import help from './help.ts';
import quotes from './quotes.ts';
import summary from './summary.ts';

export const commands: readonly Command[] = [summary, quotes, articles, help, digest];
