import { SlashCommandBuilder } from 'discord.js';
import { articlesPageMessage, ephemeralText, parsePageCustomId } from '../src/discord/format.ts';
import type { Command } from '../src/discord/router.ts';
import { everywhere } from './article-option.ts';

export const pageSize = 10;

export default {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('List the newest stored articles, or search them')
    .setContexts(...everywhere.contexts)
    .setIntegrationTypes(...everywhere.integrationTypes)
    .addStringOption((option) =>
      option.setName('query').setDescription('Words to search for in titles and text').setMaxLength(200),
    ),
  async execute(context, deps) {
    // A search over a large store may be slow and blocks while it runs: acknowledge first.
    if ((context.string('query') ?? '').trim() !== '') await context.defer();
    const page = deps.briefs.page(context.string('query'), 0, pageSize);
    await context.reply(articlesPageMessage(page, pageSize));
  },
  async component(context, deps) {
    const target = parsePageCustomId(context.customId);
    if (!target) {
      await context.reply(ephemeralText('This button no longer works. Run /articles again.'));
      return;
    }
    if (target.query !== null) await context.deferUpdate();
    await context.update(articlesPageMessage(deps.briefs.page(target.query, target.page, pageSize), pageSize));
  },
} satisfies Command;
