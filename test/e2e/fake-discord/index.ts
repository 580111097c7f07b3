/** Fake Discord for end-to-end tests: `import { FakeDiscord } from '../e2e/fake-discord/index.ts'`. */
export { FakeDiscord } from './fake-discord.ts';
export { messageLimits, embedSize } from './validate.ts';
export { defaultTestUser } from './payloads.ts';
export type * from './types.ts';
