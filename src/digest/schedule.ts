import { DateTime, IANAZone } from 'luxon';

/**
 * Zone math for daily digests. A subscription posts once per local calendar day at HH:MM in its
 * IANA zone; the "scheduled occurrence" of a day is the UTC instant of that local date and time:
 * - in a spring-forward gap (02:30 that does not exist) it is the instant the clock jumps to (03:30);
 * - in a fall-back overlap (01:30 twice) it is the earlier instant, the one cron fires at.
 * Each local day has exactly one occurrence, so DST never doubles or drops a digest.
 */
export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const timePattern = /^(\d{1,2}):(\d{2})$/;

/** Parses "HH:MM" (24-hour clock, "7:05" allowed). */
export function parseLocalTime(text: string): Parsed<LocalTime> {
  const match = timePattern.exec(text.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    return { ok: false, error: `"${text.slice(0, 20)}" is not a time: use 24-hour HH:MM, for example 08:30 or 18:00.` };
  }
  return { ok: true, value: { hour, minute } };
}

export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** Accepts IANA zone names (and "UTC"); returns luxon's canonical spelling. */
export function parseTimeZone(text: string): Parsed<string> {
  const name = text.trim();
  if (name === '' || !IANAZone.isValidZone(name)) {
    return {
      ok: false,
      error: `"${name.slice(0, 60)}" is not a known time zone: pick an IANA name such as Europe/Berlin or America/New_York.`,
    };
  }
  return { ok: true, value: new IANAZone(name).name };
}

let zoneNames: readonly string[] | undefined;

/** Every zone the runtime knows, plus UTC (which Intl does not list). */
export function allTimeZones(): readonly string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zoneNames;
}

/** Autocomplete choices: prefix matches first, then substring matches; at most `limit` (Discord allows 25). */
export function suggestTimeZones(query: string, limit = 25): string[] {
  const needle = query.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = allTimeZones().filter((zone) => zone.length <= 100);
  if (needle === '') return zones.slice(0, limit);
  const prefix: string[] = [];
  const inner: string[] = [];
  for (const zone of zones) {
    const lower = zone.toLowerCase();
    if (lower.startsWith(needle) || lower.split('/').some((part) => part.startsWith(needle))) prefix.push(zone);
    else if (lower.includes(needle)) inner.push(zone);
  }
  return [...prefix, ...inner].slice(0, limit);
}

/** The UTC instant of `time` on the local calendar day `day` (an ISO date, yyyy-mm-dd) in `zone`. */
export function occurrenceOn(day: string, time: LocalTime, zone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const local = DateTime.fromObject({ year, month, day: date, hour: time.hour, minute: time.minute }, { zone });
  const instants = local.getPossibleOffsets().map((candidate) => candidate.toMillis());
  return new Date(instants.length > 0 ? Math.min(...instants) : local.toMillis());
}

function localDay(at: Date, zone: string, shiftDays = 0): string {
  return DateTime.fromJSDate(at, { zone }).plus({ days: shiftDays }).toISODate() ?? '';
}

/** The most recent occurrence at or before `at`. */
export function latestOccurrence(at: Date, time: LocalTime, zone: string): Date {
  for (const shift of [0, -1, -2]) {
    const candidate = occurrenceOn(localDay(at, zone, shift), time, zone);
    if (candidate.getTime() <= at.getTime()) return candidate;
  }
  throw new Error('no occurrence within two days');
}

/** The first occurrence strictly after `at`. */
export function nextOccurrence(at: Date, time: LocalTime, zone: string): Date {
  for (const shift of [0, 1, 2]) {
    const candidate = occurrenceOn(localDay(at, zone, shift), time, zone);
    if (candidate.getTime() > at.getTime()) return candidate;
  }
  throw new Error('no occurrence within two days');
}

/** The occurrence before a given occurrence (the previous local day's). */
export function previousOccurrence(occurrence: Date, time: LocalTime, zone: string): Date {
  return latestOccurrence(new Date(occurrence.getTime() - 1), time, zone);
}

/**
 * The node-cron expression for a subscription. It also fires one hour later: on a spring-forward
 * day the wall-clock minute may not exist and cron would skip the day; the extra tick then finds
 * the day's occurrence due, and on ordinary days the ledger makes it a no-op.
 */
export function cronExpression(time: LocalTime): string {
  return `${time.minute} ${time.hour},${(time.hour + 1) % 24} * * *`;
}
