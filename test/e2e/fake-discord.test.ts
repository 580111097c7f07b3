import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Interaction, TextChannel } from 'discord.js';
import { FakeDiscord } from './fake-discord/index.ts';
import type { FakeDiscordOptions } from './fake-discord/index.ts';

const token = 'fake-token-MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
const guildId = '200000000000000001';
const newsChannelId = '300000000000000001';
const quietChannelId = '300000000000000002';

let discord: FakeDiscord | undefined;
let client: Client | undefined;
let logLines: string[] = [];

async function startFake(overrides: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  logLines = [];
  discord = await FakeDiscord.start({
    token,
    applicationId: '900000000000000042',
    heartbeatIntervalMs: 500,
    log: (line) => logLines.push(line),
    guilds: [
      {
        id: guildId,
        name: 'Newsroom',
        channels: [
          { id: newsChannelId, name: 'news' },
          { id: quietChannelId, name: 'quiet' },
        ],
      },
    ],
    ...overrides,
  });
  return discord;
}

async function loginClient(fake: FakeDiscord, withToken = token): Promise<Client> {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  const ready = once(client, Events.ClientReady);
  await client.login(withToken);
  await ready;
  return client;
}

/** Starts the fake, logs a client in and installs an interaction handler. */
async function botWith(handler: (interaction: Interaction) => Promise<unknown>, overrides: Partial<FakeDiscordOptions> = {}): Promise<{ fake: FakeDiscord; bot: Client }> {
  const fake = await startFake(overrides);
  const bot = await loginClient(fake);
  bot.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch(() => undefined);
  });
  return { fake, bot };
}

function textChannel(bot: Client, id: string): TextChannel {
  const channel = bot.channels.cache.get(id);
  if (!channel || !channel.isTextBased() || channel.isDMBased()) throw new Error(`channel ${id} missing`);
  return channel as TextChannel;
}

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await discord?.stop();
  discord = undefined;
});

describe('fake Discord with a real discord.js client', () => {
  it('lets a client log in, become ready and see the configured guild and channels', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);

    expect(bot.user?.id).toBe(fake.botUser.id);
    expect(bot.application?.id).toBe('900000000000000042');
    const guild = bot.guilds.cache.get(guildId);
    expect(guild?.name).toBe('Newsroom');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['news', 'quiet']);
    expect(guild?.members.me?.permissions.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(fake.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    const gatewayRequest = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayRequest?.authorized).toBe(true);
    expect(gatewayRequest?.headers['authorization']).toBeUndefined();
    await fake.waitForReady();
  });

  it('rejects a wrong token with 401 so login fails clearly', async () => {
    const fake = await startFake();
    await expect(loginClient(fake, 'fake-token-wrong.wrong.wrong')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401, authorized: false });
  });

  it('records global and guild command registration and keeps ids across overwrites', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);
    const summary = new SlashCommandBuilder()
      .setName('summary')
      .setDescription('Summarize an article')
      .addStringOption((o) => o.setName('article').setDescription('Article id').setRequired(true).setAutocomplete(true));

    const first = await bot.application!.commands.set([summary]);
    const second = await bot.application!.commands.set([summary]);
    await bot.application!.commands.set([summary.toJSON()], guildId);

    expect(fake.registeredCommands().bulkOverwrites).toBe(2);
    expect(fake.registeredCommands().commands.map((c) => c.name)).toEqual(['summary']);
    expect(second.first()?.id).toBe(first.first()?.id);
    expect(fake.registeredCommands(guildId)).toMatchObject({ bulkOverwrites: 1, commands: [{ name: 'summary', guild_id: guildId }] });

    const invalid = { name: 'Bad Name', description: 'uppercase and space' };
    const error = await bot.application!.commands.set([invalid]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(fake.registeredCommands().bulkOverwrites).toBe(2);
  });

  it('delivers a chat-input command and returns the ephemeral reply', async () => {
    const seen: Array<{ article: string | null; canManage: boolean | undefined }> = [];
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({
        article: interaction.options.getString('article'),
        canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
      });
      await interaction.reply({ content: `Summary of ${interaction.options.getString('article')}`, flags: MessageFlags.Ephemeral });
    });

    const outcome = await fake.sendCommand({
      name: 'summary',
      options: [{ name: 'article', type: 3, value: '42' }],
      memberPermissions: PermissionFlagsBits.ManageGuild,
    });

    expect(seen).toEqual([{ article: '42', canManage: true }]);
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.callback?.latencyMs).toBeLessThan(3000);
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toBe('Summary of 42');
    expect(outcome.original?.channelId).toBe(newsChannelId);
  });

  it('records deferReply then editReply and followUp', async () => {
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ embeds: [new EmbedBuilder().setTitle('Quotes').setDescription('"Hello," she said.')] });
      await interaction.followUp({ content: 'More below', allowedMentions: { parse: [] } });
    });

    const outcome = await fake.sendCommand({ name: 'quotes' });

    expect(outcome.events.map((e) => [e.kind, e.status])).toEqual([
      ['callback', 204],
      ['edit-original', 200],
      ['followup', 200],
    ]);
    expect(outcome.callback?.type).toBe(5);
    expect(outcome.original?.embeds[0]?.title).toBe('Quotes');
    expect((outcome.original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(outcome.followups.map((m) => m.content)).toEqual(['More below']);
    expect(outcome.followups[0]?.allowedMentions).toEqual({ parse: [] });
  });

  it('returns autocomplete choices', async () => {
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([
        { name: `Article ${typed}1`, value: `${typed}1` },
        { name: `Article ${typed}2`, value: `${typed}2` },
      ]);
    });

    const choices = await fake.sendAutocomplete({ name: 'summary', options: [{ name: 'article', type: 3, value: '7', focused: true }] });

    expect(choices).toEqual([
      { name: 'Article 71', value: '71' },
      { name: 'Article 72', value: '72' },
    ]);
  });

  it('handles a button click answered with update on a posted message', async () => {
    const { fake, bot } = await botWith(async (interaction) => {
      if (!interaction.isButton()) return;
      await interaction.update({ content: `Clicked ${interaction.customId}`, components: [] });
    });
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('more:42').setLabel('More').setStyle(ButtonStyle.Primary));
    const posted = await textChannel(bot, newsChannelId).send({ content: 'Digest', components: [row] });

    const outcome = await fake.clickButton({ customId: 'more:42', messageId: posted.id });

    expect(outcome.callback?.type).toBe(7);
    expect(fake.messages(newsChannelId).map((m) => [m.content, m.components.length])).toEqual([['Clicked more:42', 0]]);
  });

  it('records channel.send with embeds and allowed mentions', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);

    await textChannel(bot, quietChannelId).send({
      content: 'Daily digest',
      embeds: [new EmbedBuilder().setTitle('Top story').addFields({ name: 'Quote', value: '"Yes," he said.' })],
      allowedMentions: { parse: [] },
    });

    const [message] = fake.messages(quietChannelId);
    expect(message).toMatchObject({ content: 'Daily digest', allowedMentions: { parse: [] }, source: 'channel' });
    expect(message?.embeds[0]?.fields?.[0]?.value).toBe('"Yes," he said.');
    expect(fake.messages(newsChannelId)).toEqual([]);
  });

  it('makes posts to a failing channel reject with DiscordAPIError 50013', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);
    fake.failChannel(newsChannelId, { status: 403, code: 50013 });

    const error = await textChannel(bot, newsChannelId).send('hello').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50013, status: 403 });
    fake.failChannel(newsChannelId, null);
    await textChannel(bot, newsChannelId).send('hello again');
    expect(fake.messages(newsChannelId).map((m) => m.content)).toEqual(['hello again']);
  });

  it('answers 400 with Discord error shape when a message exceeds limits', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);

    const tooLong = await textChannel(bot, newsChannelId).send({ embeds: [{ description: 'x'.repeat(4097) }] }).catch((e: unknown) => e);
    const empty = await textChannel(bot, newsChannelId).send({ content: '' }).catch((e: unknown) => e);
    const tooManyFields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const fields = await textChannel(bot, newsChannelId).send({ embeds: [{ fields: tooManyFields }] }).catch((e: unknown) => e);

    expect(tooLong).toMatchObject({ code: 50035, status: 400 });
    expect((tooLong as DiscordAPIError).rawError).toMatchObject({
      errors: { embeds: { '0': { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    expect(empty).toMatchObject({ code: 50006 });
    expect(fields).toMatchObject({ code: 50035 });
    expect(fake.messages(newsChannelId)).toEqual([]);
  });

  it('rejects an over-long interaction reply and records the rejected callback', async () => {
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'x'.repeat(2001) }).catch(() => interaction.reply({ content: 'shortened' }));
    });

    const outcome = await fake.sendCommand({ name: 'summary' });

    expect(outcome.events.map((e) => e.status)).toEqual([400, 204]);
    expect(outcome.original?.content).toBe('shortened');
  });

  it('retries a 429 with the advertised retry_after and then succeeds', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);
    fake.rateLimitNext(1, { match: /^POST \/channels\/\d+\/messages$/, retryAfterSeconds: 0.1 });

    const started = Date.now();
    await textChannel(bot, newsChannelId).send('after the limit');

    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${newsChannelId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages(newsChannelId)).toHaveLength(1);
  });

  it('retries 5xx answers and then succeeds', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);
    fake.failNext5xx(2, { match: /messages/ });

    await textChannel(bot, newsChannelId).send('eventually');

    const posts = fake.requests.filter((r) => r.path === `/channels/${newsChannelId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('resumes after dropped connections, replays missed events and keeps working', async () => {
    const { fake, bot } = await botWith(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });
    const resumed = once(bot, Events.ShardResume);

    await fake.dropConnections(4000);
    // Dispatched while the bot is disconnected: must arrive through the RESUME replay.
    const outcome = await fake.sendCommand({ name: 'summary' });
    await resumed;

    expect(fake.resumes).toBe(1);
    expect(fake.identifies).toHaveLength(1);
    expect(outcome.original?.content).toBe('still here');
    await textChannel(bot, newsChannelId).send('after resume');
    expect(fake.messages(newsChannelId)).toHaveLength(1);
  });

  it('fails sendCommand when the bot never acknowledges within the deadline', async () => {
    const { fake } = await botWith(
      async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
        await interaction.deferReply();
      },
      { interactionDeadlineMs: 100 },
    );

    await expect(fake.sendCommand({ name: 'summary' })).rejects.toThrow(/did not acknowledge/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.interactions[0]?.lateCallbacks).toBe(1);
    expect(fake.interactions[0]?.events[0]?.status).toBe(404);
  });

  it('handles a select menu answered with deferUpdate then editReply on the component message', async () => {
    const { fake, bot } = await botWith(async (interaction) => {
      if (!interaction.isStringSelectMenu()) return;
      await interaction.deferUpdate();
      await interaction.editReply({ content: `Picked ${interaction.values.join(',')}` });
    });
    const posted = await textChannel(bot, newsChannelId).send({
      content: 'Choose',
      components: [{ type: 1, components: [{ type: 3, custom_id: 'pick', options: [{ label: 'One', value: '1' }] }] }],
    });

    const outcome = await fake.selectMenu({ customId: 'pick', messageId: posted.id, values: ['1'] });

    expect(outcome.callback?.type).toBe(6);
    expect(outcome.original?.id).toBe(posted.id);
    expect(fake.messages(newsChannelId).map((m) => m.content)).toEqual(['Picked 1']);
  });

  it('sends a command from a DM when guildId is null', async () => {
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply(interaction.inGuild() ? 'guild' : `dm with ${interaction.user.username}`);
    });

    const outcome = await fake.sendCommand({ name: 'help', guildId: null, user: { id: '100000000000000099', username: 'solo' } });

    expect(outcome.original?.content).toBe('dm with solo');
    expect(outcome.original?.guildId).toBeNull();
  });

  it('returns the callback resource when the bot asks withResponse', async () => {
    let returned: string | undefined;
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      returned = response.resource?.message?.content;
    });

    await fake.sendCommand({ name: 'summary' });

    expect(returned).toBe('with response');
  });

  it('rejects an editReply whose embeds exceed 6000 characters in total', async () => {
    const statuses: number[] = [];
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const big = Array.from({ length: 2 }, () => ({ description: 'y'.repeat(3500) }));
      await interaction.editReply({ embeds: big }).catch((e: DiscordAPIError) => statuses.push(e.status));
      await interaction.editReply({ content: 'too long, see the article' });
    });

    const outcome = await fake.sendCommand({ name: 'summary' });

    expect(statuses).toEqual([400]);
    expect(outcome.events.map((e) => [e.kind, e.status])).toEqual([
      ['callback', 204],
      ['edit-original', 400],
      ['edit-original', 200],
    ]);
    expect(outcome.original).toMatchObject({ content: 'too long, see the article', embeds: [] });
  });

  it('waits for a condition given with until', async () => {
    const { fake } = await botWith(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('first');
      await new Promise((resolve) => setTimeout(resolve, 150));
      await interaction.followUp('second');
    });

    const outcome = await fake.sendCommand({ name: 'summary', until: (o) => o.followups.length === 1 });

    expect(outcome.followups.map((m) => m.content)).toEqual(['second']);
  });

  it('resumes after a RECONNECT request and serves fetches of channels, the application and new guilds', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);

    fake.requestReconnect();
    await fake.waitForResume();
    const channel = await bot.channels.fetch(quietChannelId, { force: true });
    const application = await bot.application!.fetch();
    const joined = once(bot, Events.GuildCreate);
    fake.addGuild({ id: '200000000000000002', name: 'Second', channels: [{ id: '300000000000000009', name: 'general' }] });
    const [guild] = (await joined) as [{ name: string }];

    expect(fake.resumes).toBe(1);
    expect(channel).toMatchObject({ id: quietChannelId, name: 'quiet' });
    expect(application.id).toBe(fake.applicationId);
    expect(guild.name).toBe('Second');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([`GET /channels/${quietChannelId}`, 'GET /applications/@me']),
    );
  });

  it('delivers an interaction to one of two connected bots only', async () => {
    const fake = await startFake();
    const first = await loginClient(fake);
    const second = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
    try {
      const secondReady = once(second, Events.ClientReady);
      await second.login(token);
      await secondReady;
      await fake.waitForReady({ sessions: 2 });
      const answeredBy: string[] = [];
      for (const [name, bot] of [['first', first], ['second', second]] as const) {
        bot.on(Events.InteractionCreate, (interaction) => {
          if (!interaction.isChatInputCommand()) return;
          answeredBy.push(name);
          interaction.reply(name).catch(() => undefined);
        });
      }

      const outcome = await fake.sendCommand({ name: 'summary' });

      expect(fake.connectedSessions).toBe(2);
      expect(answeredBy).toEqual(['second']);
      expect(outcome.events.map((e) => e.status)).toEqual([204]);
    } finally {
      await second.destroy();
    }
  });

  it('answers unknown routes with 404 and logs them', async () => {
    const fake = await startFake();
    const bot = await loginClient(fake);

    const error = await bot.rest.get('/guilds/200000000000000001/emojis').catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 404 });
    expect(fake.unknownRoutes).toEqual(['GET /api/v10/guilds/200000000000000001/emojis']);
    expect(logLines.some((line) => line.includes('unknown route'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(token);
  });
});
