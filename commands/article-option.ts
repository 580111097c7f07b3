/** Pieces shared by the commands that take an `article` option. */
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type { Article } from '../src/articles/types.ts';
import { articleChoice, ephemeralText, escapeText, fitText, limits } from '../src/discord/format.ts';
import type { AutocompleteContext, BotDeps, CommandContext } from '../src/discord/router.ts';

/** Usable in servers and in DMs with the bot. */
export const everywhere = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integrationTypes: [ApplicationIntegrationType.GuildInstall],
} as const;

export const articleOptionDescription = 'Start typing a title and pick one, or type words to search';

/** Autocomplete for the `article` option: up to 25 titles (cut to 100 chars) whose value is the id. */
export async function autocompleteArticle(context: AutocompleteContext, deps: BotDeps): Promise<void> {
  if (context.focused.name !== 'article') {
    await context.respond([]);
    return;
  }
  const matches = deps.briefs.suggest(context.focused.value, limits.choices);
  await context.respond(matches.slice(0, limits.choices).map(articleChoice));
}

/**
 * The article the user meant: the picked id, or for typed text the best search match. When there
 * is none, answers with a private hint and returns null.
 */
export async function articleOrExplain(context: CommandContext, deps: BotDeps): Promise<Article | null> {
  const reference = context.string('article') ?? '';
  // Typed text means a full-text search, which on a large store can take longer than Discord's
  // 3 s; SQLite calls are synchronous, so the router's timer could not defer in time. Defer first.
  if (!/^\s*#?\d+\s*$/.test(reference) && reference.trim() !== '') await context.defer();
  const resolved = deps.briefs.resolveArticle(reference);
  if (resolved.ok) return resolved.article;
  if (resolved.reason === 'empty') {
    await context.reply(ephemeralText('Tell me which article: start typing a title in the `article` option and pick one.'));
  } else {
    const shown = escapeText(fitText(resolved.query, 80));
    await context.reply(
      ephemeralText(
        `I couldn't find an article matching “${shown}”. Try other words, pick a title from the suggestions ` +
          'as you type, or browse with `/articles`.',
      ),
    );
  }
  return null;
}
