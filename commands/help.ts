import { SlashCommandBuilder } from 'discord.js';
import { helpEmbed, message } from '../src/discord/format.ts';
import type { Command } from '../src/discord/router.ts';
import { everywhere } from './article-option.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('How to use Briefbot')
    .setContexts(...everywhere.contexts)
    .setIntegrationTypes(...everywhere.integrationTypes),
  async execute(context) {
    await context.reply(message({ embeds: [helpEmbed(context.help)], ephemeral: true }));
  },
} satisfies Command;
