/** One small structured logger. Secrets registered with it are masked in every line it writes. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Values that must never be printed (the bot token). */
  readonly secrets?: readonly string[];
  /** Where lines go; stderr by default so stdout stays clean for CLI output. */
  readonly write?: (line: string) => void;
}

/** Replaces every occurrence of each secret by a fixed mask. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

/** Logging must never throw: bigints (permission bitfields) print as text, a cyclic value is named, not serialized. */
function contextJson(context: Record<string, unknown>): string {
  try {
    return JSON.stringify(context, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  } catch {
    return `{"context":"not serializable (${Object.keys(context).join(', ')})"}`;
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = order[options.level ?? 'info'];
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, context?: Record<string, unknown>): void => {
    if (order[level] < threshold) return;
    let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
    if (context !== undefined) {
      const shown = Object.fromEntries(Object.entries(context).map(([key, value]) => [key, describe(value)]));
      line += ` ${contextJson(shown)}`;
    }
    write(redact(line, secrets));
  };
  return {
    debug: (message, context) => emit('debug', message, context),
    info: (message, context) => emit('info', message, context),
    warn: (message, context) => emit('warn', message, context),
    error: (message, context) => emit('error', message, context),
  };
}

/** A logger that drops everything: for tests and quiet CLI runs. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
