import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { MAINTENANCE_LIMITS } from './domain/maintenance-values.js';

/** How a maintenance window repeats: the first start in the owner's wall clock and zone, an RFC 5545 RRULE. */
export interface MaintenanceSchedule {
  /** Wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm` in `timeZone`. */
  localStart: string;
  /** An IANA time zone, so a 02:00 window stays at 02:00 across daylight-saving changes. */
  timeZone: string;
  durationMs: number;
  /** The RRULE value (without `RRULE:`), or null for a one-off window. */
  rrule: string | null;
}

export interface MaintenanceOccurrence {
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;
const LOCAL_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
/** Sub-daily rules would let a single window cover most of the time: uptime would mean little. */
const ALLOWED_FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export class InvalidSchedule extends Error {
  override readonly name = 'InvalidSchedule';
  constructor(
    readonly field: 'localStart' | 'timeZone' | 'rrule' | 'durationMinutes',
    message: string,
  ) {
    super(message);
  }
}

function plainStart(schedule: MaintenanceSchedule): Temporal.PlainDateTime {
  if (!LOCAL_START.test(schedule.localStart)) {
    throw new InvalidSchedule('localStart', 'expected YYYY-MM-DDTHH:mm');
  }
  let plain: Temporal.PlainDateTime;
  try {
    plain = Temporal.PlainDateTime.from(schedule.localStart, { overflow: 'reject' });
  } catch {
    throw new InvalidSchedule('localStart', 'not a date and time');
  }
  inZone(plain, schedule.timeZone);
  return plain;
}

/**
 * RFC 5545 §3.3.5: a local time inside a spring-forward gap is read with the
 * offset before the gap (02:30 becomes 03:30 summer time), and a repeated
 * local time is its first instance. Temporal's `compatible` does exactly that.
 */
function inZone(plain: Temporal.PlainDateTime, timeZone: string): number {
  try {
    return plain.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch {
    throw new InvalidSchedule('timeZone', 'not an IANA time zone');
  }
}

/**
 * The rule runs over wall-clock times (as if the zone were UTC), each then
 * placed in the owner's zone: the library drops occurrences whose local time
 * does not exist, where RFC 5545 moves them, and a window must not vanish on
 * the night clocks change.
 */
function ruleOf(schedule: MaintenanceSchedule, start: Temporal.PlainDateTime): RRuleTemporal {
  const text = schedule.rrule ?? '';
  if (text.length > MAINTENANCE_LIMITS.rruleChars || !/^[A-Z0-9=;,+-]+$/i.test(text)) {
    throw new InvalidSchedule('rrule', 'expected an RFC 5545 RRULE value such as FREQ=WEEKLY;BYDAY=SU');
  }
  const freq = /(?:^|;)FREQ=([A-Z]+)/i.exec(text)?.[1]?.toUpperCase();
  if (!freq || !ALLOWED_FREQS.has(freq)) {
    throw new InvalidSchedule('rrule', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  try {
    return new RRuleTemporal({
      rruleString: text.toUpperCase(),
      dtstart: start.toZonedDateTime('UTC'),
      tzid: 'UTC',
    });
  } catch (error) {
    throw new InvalidSchedule('rrule', error instanceof Error ? error.message.slice(0, 200) : 'invalid');
  }
}

/** Throws InvalidSchedule naming the field that is wrong. */
export function validateMaintenanceSchedule(schedule: MaintenanceSchedule): void {
  if (
    !Number.isInteger(schedule.durationMs) ||
    schedule.durationMs < MAINTENANCE_LIMITS.minDurationMs ||
    schedule.durationMs > MAINTENANCE_LIMITS.maxDurationMs
  ) {
    throw new InvalidSchedule('durationMinutes', 'between 1 minute and 7 days');
  }
  const start = plainStart(schedule);
  if (schedule.rrule !== null) ruleOf(schedule, start).next(new Date(0), true);
}

/**
 * The occurrences that overlap [from, to), oldest first, at most `limit`.
 * Each starts at the rule's wall-clock time in the owner's zone and lasts
 * `durationMs` of real time.
 */
export function maintenanceOccurrences(
  schedule: MaintenanceSchedule,
  from: Date,
  to: Date,
  limit: number = MAINTENANCE_LIMITS.maxOccurrencesPerExpansion,
): MaintenanceOccurrence[] {
  const start = plainStart(schedule);
  const occurrence = (startMs: number) => ({
    startsAt: new Date(startMs),
    endsAt: new Date(startMs + schedule.durationMs),
  });
  const overlaps = (item: MaintenanceOccurrence) =>
    item.endsAt.getTime() > from.getTime() && item.startsAt.getTime() < to.getTime();
  if (schedule.rrule === null) {
    const only = occurrence(inZone(start, schedule.timeZone));
    return overlaps(only) && limit > 0 ? [only] : [];
  }
  const rule = ruleOf(schedule, start);
  // Wall-clock times differ from real ones by at most a zone's offset (under a day).
  const starts = rule.between(
    new Date(from.getTime() - schedule.durationMs - DAY_MS),
    new Date(to.getTime() + DAY_MS),
    true,
  );
  return starts
    .map((wall) => occurrence(inZone(wall.toPlainDateTime(), schedule.timeZone)))
    .filter(overlaps)
    .slice(0, limit);
}

/** `now` as a wall-clock `YYYY-MM-DDTHH:mm` in `timeZone`: the start of a window opened at once. */
export function wallClockIn(timeZone: string, now: Date): string {
  try {
    return Temporal.Instant.fromEpochMilliseconds(now.getTime())
      .toZonedDateTimeISO(timeZone)
      .toPlainDateTime()
      .toString()
      .slice(0, 16);
  } catch {
    throw new InvalidSchedule('timeZone', 'not an IANA time zone');
  }
}
