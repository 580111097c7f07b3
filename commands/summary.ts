import { SlashCommandBuilder } from 'discord.js';
import { message, summaryEmbed } from '../src/discord/format.ts';
import type { Command } from '../src/discord/router.ts';
import type { SummaryLength } from '../src/summarizer/types.ts';
import { articleOptionDescription, articleOrExplain, autocompleteArticle, everywhere } from './article-option.ts';

const lengths: readonly SummaryLength[] = ['tldr', 'short', 'long'];

export default {
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription('Summarize a stored news article, with its key quotes')
    .setContexts(...everywhere.contexts)
    .setIntegrationTypes(...everywhere.integrationTypes)
    .addStringOption((option) =>
      option.setName('article').setDescription(articleOptionDescription).setRequired(true).setAutocomplete(true).setMaxLength(200),
    )
    .addStringOption((option) =>
      option
        .setName('length')
        .setDescription('How long the summary should be (default: short)')
        .addChoices({ name: 'TL;DR', value: 'tldr' }, { name: 'Short', value: 'short' }, { name: 'Long', value: 'long' }),
    ),
  async execute(context, deps) {
    const article = await articleOrExplain(context, deps);
    if (!article) return;
    const asked = context.string('length');
    const length = lengths.find((l) => l === asked) ?? 'short';
    const summary = deps.briefs.summarize(article, length);
    await context.reply(message({ embeds: [summaryEmbed(article, summary)] }));
  },
  autocomplete: autocompleteArticle,
} satisfies Command;
