/**
 * Discord's cheap-to-check limits, answered with Discord's error shape
 * (`{ code: 50035, message: 'Invalid Form Body', errors: { path: { _errors: [...] } } }`),
 * so a bot that exceeds a limit fails in tests the way it would in production.
 */

export interface DiscordErrorResponse {
  readonly status: number;
  readonly body: { code: number; message: string; errors?: ErrorTree };
}

interface ErrorTree {
  [key: string]: ErrorTree | Array<{ code: string; message: string }>;
}

type Path = ReadonlyArray<string | number>;

class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const name = String(key);
      const next = node[name];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[name] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const list = node['_errors'];
    if (Array.isArray(list)) list.push({ code, message });
    else node['_errors'] = [{ code, message }];
    this.count += 1;
  }

  maxLength(path: Path, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  lengthBetween(path: Path, value: unknown, min: number, max: number): void {
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    } else if (value.length < min || value.length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  result(): DiscordErrorResponse | null {
    if (this.count === 0) return null;
    return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: this.tree } };
  }
}

export const messageLimits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

/** Characters Discord counts towards the 6000 total of one embed. */
export function embedSize(embed: unknown): number {
  const e = asRecord(embed);
  let size = textLength(e['title']) + textLength(e['description']);
  size += textLength(asRecord(e['footer'])['text']) + textLength(asRecord(e['author'])['name']);
  for (const field of asArray(e['fields'])) {
    const f = asRecord(field);
    size += textLength(f['name']) + textLength(f['value']);
  }
  return size;
}

function checkEmbeds(errors: FormErrors, embeds: unknown[]): void {
  if (embeds.length > messageLimits.embeds) {
    errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${messageLimits.embeds} or fewer in length.`);
  }
  let total = 0;
  embeds.forEach((embed, index) => {
    const e = asRecord(embed);
    errors.maxLength(['embeds', index, 'title'], e['title'], messageLimits.embedTitle);
    errors.maxLength(['embeds', index, 'description'], e['description'], messageLimits.embedDescription);
    errors.maxLength(['embeds', index, 'footer', 'text'], asRecord(e['footer'])['text'], messageLimits.footerText);
    errors.maxLength(['embeds', index, 'author', 'name'], asRecord(e['author'])['name'], messageLimits.authorName);
    const fields = asArray(e['fields']);
    if (fields.length > messageLimits.embedFields) {
      errors.add(['embeds', index, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${messageLimits.embedFields} or fewer in length.`);
    }
    fields.forEach((field, fieldIndex) => {
      const f = asRecord(field);
      errors.lengthBetween(['embeds', index, 'fields', fieldIndex, 'name'], f['name'], 1, messageLimits.fieldName);
      errors.lengthBetween(['embeds', index, 'fields', fieldIndex, 'value'], f['value'], 1, messageLimits.fieldValue);
    });
    total += embedSize(embed);
  });
  if (total > messageLimits.embedTotal) {
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${messageLimits.embedTotal}`);
  }
}

function checkComponents(errors: FormErrors, rows: unknown[]): void {
  if (rows.length > messageLimits.actionRows) {
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${messageLimits.actionRows} or fewer in length.`);
  }
  rows.forEach((row, rowIndex) => {
    const children = asArray(asRecord(row)['components']);
    if (children.length > messageLimits.componentsPerRow) {
      errors.add(['components', rowIndex, 'components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${messageLimits.componentsPerRow} or fewer in length.`);
    }
    children.forEach((child, index) => {
      const c = asRecord(child);
      errors.maxLength(['components', rowIndex, 'components', index, 'custom_id'], c['custom_id'], messageLimits.customId);
      errors.maxLength(['components', rowIndex, 'components', index, 'label'], c['label'], messageLimits.buttonLabel);
    });
  });
}

function checkAllowedMentions(errors: FormErrors, allowed: unknown): void {
  if (allowed === undefined || allowed === null) return;
  const a = asRecord(allowed);
  const parse = asArray(a['parse']);
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && asArray(a[kind]).length > 0) {
      errors.add(['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
  }
  parse.forEach((value, index) => {
    if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
      errors.add(['allowed_mentions', 'parse', index], 'ENUM_TYPE_COERCE', `Value "${String(value)}" is not a valid enum value.`);
    }
  });
}

export interface MessageShape {
  readonly content?: unknown;
  readonly embeds?: unknown;
  readonly components?: unknown;
  readonly attachments?: unknown;
  readonly sticker_ids?: unknown;
  readonly poll?: unknown;
  readonly allowed_mentions?: unknown;
}

/** Limits of a message create/edit. `hasFiles`: multipart files count as content. */
export function validateMessage(message: MessageShape, hasFiles = false): DiscordErrorResponse | null {
  const errors = new FormErrors();
  errors.maxLength(['content'], message.content, messageLimits.content);
  checkEmbeds(errors, asArray(message.embeds));
  checkComponents(errors, asArray(message.components));
  checkAllowedMentions(errors, message.allowed_mentions);
  const invalid = errors.result();
  if (invalid) return invalid;
  const empty =
    textLength(message.content) === 0 &&
    asArray(message.embeds).length === 0 &&
    asArray(message.components).length === 0 &&
    asArray(message.attachments).length === 0 &&
    asArray(message.sticker_ids).length === 0 &&
    message.poll === undefined &&
    !hasFiles;
  if (empty) return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
  return null;
}

const commandNamePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(errors: FormErrors, path: Path, name: unknown, chatInput: boolean): void {
  errors.lengthBetween(path, name, 1, 32);
  if (typeof name !== 'string' || name.length === 0 || name.length > 32) return;
  if (chatInput && (!commandNamePattern.test(name) || name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkChoices(errors: FormErrors, path: Path, choices: unknown[]): void {
  if (choices.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((choice, index) => {
    const c = asRecord(choice);
    errors.lengthBetween([...path, index, 'name'], c['name'], 1, 100);
    errors.maxLength([...path, index, 'value'], c['value'], 100);
  });
}

const subcommandTypes = new Set([1, 2]);

function checkOptions(errors: FormErrors, path: Path, options: unknown[]): void {
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option, index) => {
    const o = asRecord(option);
    const here = [...path, index];
    checkName(errors, [...here, 'name'], o['name'], true);
    errors.lengthBetween([...here, 'description'], o['description'], 1, 100);
    if (typeof o['name'] === 'string') {
      if (names.has(o['name'])) errors.add([...here, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option name already exists');
      names.add(o['name']);
    }
    if (o['required'] === true && sawOptional) {
      errors.add(path, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (o['required'] !== true) sawOptional = true;
    checkChoices(errors, [...here, 'choices'], asArray(o['choices']));
    if (o['autocomplete'] === true && asArray(o['choices']).length > 0) {
      errors.add([...here, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
    }
    if (typeof o['type'] === 'number' && subcommandTypes.has(o['type'])) {
      checkOptions(errors, [...here, 'options'], asArray(o['options']));
    }
  });
}

/** Validates a bulk-overwrite body (array of application commands). */
export function validateCommands(body: unknown): DiscordErrorResponse | null {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.result();
  }
  if (body.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  body.forEach((command, index) => {
    const c = asRecord(command);
    const type = typeof c['type'] === 'number' ? c['type'] : 1;
    const chatInput = type === 1;
    checkName(errors, [index, 'name'], c['name'], chatInput);
    if (chatInput) errors.lengthBetween([index, 'description'], c['description'], 1, 100);
    checkOptions(errors, [index, 'options'], asArray(c['options']));
    const key = `${type}:${String(c['name'])}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
  return errors.result();
}

/** Validates autocomplete choices (callback type 8). */
export function validateChoices(choices: unknown): DiscordErrorResponse | null {
  const errors = new FormErrors();
  checkChoices(errors, ['data', 'choices'], asArray(choices));
  return errors.result();
}
