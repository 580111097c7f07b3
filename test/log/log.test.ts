import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

describe('createLogger', () => {
  it('never throws on context JSON cannot hold, and still masks secrets', () => {
    const secret = 'very-secret-token-value';
    const written: string[] = [];
    const logger = createLogger({ secrets: [secret], write: (line) => written.push(line) });
    const cyclic: Record<string, unknown> = { note: secret };
    cyclic.self = cyclic;
    expect(() => logger.error('boom', { permissions: 8n, user: secret })).not.toThrow();
    expect(() => logger.error('loop', { reason: cyclic })).not.toThrow();
    expect(written[0]).toContain('"permissions":"8"');
    expect(written[0]).toContain('[redacted]');
    expect(written[1]).toContain('not serializable (reason)');
    expect(written.join('\n')).not.toContain(secret);
  });
});
