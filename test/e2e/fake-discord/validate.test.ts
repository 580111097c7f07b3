import { describe, expect, it } from 'vitest';
import { embedSize, validateChoices, validateCommands, validateMessage } from './validate.ts';

describe('fake Discord limits', () => {
  it('accepts a message at the limits and rejects one character over', () => {
    expect(validateMessage({ content: 'x'.repeat(2000) })).toBeNull();
    expect(validateMessage({ content: 'x'.repeat(2001) })?.body.errors).toEqual({
      content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
    });
    expect(validateMessage({ embeds: [{ title: 't'.repeat(256) }] })).toBeNull();
    expect(validateMessage({ embeds: [{ title: 't'.repeat(257) }] })?.body.code).toBe(50035);
  });

  it('counts title, description, field names and values, footer and author towards 6000', () => {
    const embed = { title: 'ab', description: 'cde', fields: [{ name: 'f', value: 'gh' }], footer: { text: 'i' }, author: { name: 'jk' } };
    expect(embedSize(embed)).toBe(11);
    const nearlyFull = { description: 'd'.repeat(4000), fields: [{ name: 'n', value: 'v'.repeat(999) }] };
    expect(validateMessage({ embeds: [nearlyFull, { description: 'd'.repeat(1000) }] })).toBeNull();
    expect(validateMessage({ embeds: [nearlyFull, { description: 'd'.repeat(1001) }] })?.body.errors).toMatchObject({
      embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] },
    });
  });

  it('rejects empty messages, empty field values and exclusive allowed_mentions', () => {
    expect(validateMessage({ content: '' })?.body.code).toBe(50006);
    expect(validateMessage({ content: '' }, true)).toBeNull();
    expect(validateMessage({ embeds: [{ fields: [{ name: 'n', value: '' }] }] })?.body.errors).toMatchObject({
      embeds: { '0': { fields: { '0': { value: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } },
    });
    expect(validateMessage({ content: 'hi', allowed_mentions: { parse: ['users'], users: ['1'] } })?.body.code).toBe(50035);
    expect(validateMessage({ content: 'hi', allowed_mentions: { parse: [] } })).toBeNull();
  });

  it('validates command definitions like Discord', () => {
    const ok = { name: 'summary', description: 'Summarize', options: [{ type: 3, name: 'article', description: 'Id', required: true }] };
    expect(validateCommands([ok])).toBeNull();
    expect(validateCommands([{ ...ok, name: 'Summary' }])).not.toBeNull();
    expect(validateCommands([{ ...ok, description: '' }])).not.toBeNull();
    expect(validateCommands([ok, ok])?.body.errors).toMatchObject({ '1': { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } } });
    const optionalFirst = {
      ...ok,
      options: [
        { type: 3, name: 'a', description: 'a' },
        { type: 3, name: 'b', description: 'b', required: true },
      ],
    };
    expect(validateCommands([optionalFirst])?.body.errors).toMatchObject({
      '0': { options: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' }] } },
    });
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` }));
    expect(validateCommands([{ ...ok, options: [{ ...ok.options[0], choices }] }])).not.toBeNull();
    expect(validateCommands({ name: 'not-an-array' })).not.toBeNull();
  });

  it('limits autocomplete choices to 25 with names of 1-100 characters', () => {
    const choice = (name: string) => ({ name, value: name });
    expect(validateChoices(Array.from({ length: 25 }, (_, i) => choice(`c${i}`)))).toBeNull();
    expect(validateChoices(Array.from({ length: 26 }, (_, i) => choice(`c${i}`)))).not.toBeNull();
    expect(validateChoices([choice('')])).not.toBeNull();
    expect(validateChoices([{ name: 'ok', value: 'v'.repeat(101) }])).not.toBeNull();
  });
});
