import { SlashCommandBuilder } from 'discord.js';
import { message, quotesEmbed } from '../src/discord/format.ts';
import type { Command } from '../src/discord/router.ts';
import { articleOptionDescription, articleOrExplain, autocompleteArticle, everywhere } from './article-option.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('quotes')
    .setDescription('Show the key quotes of a stored news article and who said them')
    .setContexts(...everywhere.contexts)
    .setIntegrationTypes(...everywhere.integrationTypes)
    .addStringOption((option) =>
      option.setName('article').setDescription(articleOptionDescription).setRequired(true).setAutocomplete(true).setMaxLength(200),
    ),
  async execute(context, deps) {
    const article = await articleOrExplain(context, deps);
    if (!article) return;
    // Quotes do not depend on the length; 'short' shares the cache entry with a plain /summary.
    const { quotes } = deps.briefs.summarize(article, 'short');
    await context.reply(message({ embeds: [quotesEmbed(article, quotes)] }));
  },
  autocomplete: autocompleteArticle,
} satisfies Command;
