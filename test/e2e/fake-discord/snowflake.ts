/** Snowflake ids shaped like Discord's (timestamp since the Discord epoch, then a counter). */
const discordEpoch = 1_420_070_400_000n;
let increment = 0n;

export function nextSnowflake(now: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(now) - discordEpoch) << 22n) | (1n << 17n) | increment).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake (for timestamps on built payloads). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + discordEpoch);
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{15,21}$/.test(value);
}
