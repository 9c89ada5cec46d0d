import {
  InvalidSchedule,
  type MaintenanceSchedule,
  NotFound,
  ValidationFailed,
  validateMaintenanceSchedule,
  wallClockIn,
} from '@mcpulse/core';
import { type Db, insertMaintenanceWindow, listMaintenanceWindows, ownedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { maintenanceWindowAnswer } from './maintenance-view.js';

export interface CreateMaintenanceWindowInput {
  monitorId: string | null;
  title: string;
  startNow: boolean;
  localStart?: string | undefined;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
}

function scheduleOf(input: CreateMaintenanceWindowInput, now: Date): MaintenanceSchedule {
  const durationMs = input.durationMinutes * 60_000;
  try {
    if (input.startNow) {
      if (input.localStart !== undefined)
        throw new ValidationFailed('localStart', 'leave it out with startNow');
      if (input.rrule !== null) throw new ValidationFailed('rrule', 'a window started now does not repeat');
      const schedule = {
        localStart: wallClockIn(input.timeZone, now),
        timeZone: input.timeZone,
        durationMs,
        rrule: null,
      };
      validateMaintenanceSchedule(schedule);
      return schedule;
    }
    if (input.localStart === undefined)
      throw new ValidationFailed('localStart', 'required unless startNow is true');
    const schedule = {
      localStart: input.localStart,
      timeZone: input.timeZone,
      durationMs,
      rrule: input.rrule,
    };
    validateMaintenanceSchedule(schedule);
    return schedule;
  } catch (error) {
    if (error instanceof InvalidSchedule) throw new ValidationFailed(error.field, error.message);
    throw error;
  }
}

/**
 * Stores a window and its occurrences from now on. A window never reaches
 * back: an occurrence already under way starts now, so no past downtime is
 * excused after the fact.
 */
export async function createMaintenanceWindow(
  db: Db,
  principal: Principal,
  input: CreateMaintenanceWindowInput,
  now: Date,
) {
  const { organizationId } = principal;
  if (input.monitorId !== null && !(await ownedMonitor(db, organizationId, input.monitorId))) {
    throw new NotFound('monitor');
  }
  const schedule = scheduleOf(input, now);
  const id = await insertMaintenanceWindow(
    db,
    { organizationId, monitorId: input.monitorId, title: input.title, ...schedule },
    now,
  );
  const windows = await listMaintenanceWindows(db, organizationId, input.monitorId, now);
  const created = windows.find((window) => window.id === id);
  if (!created) throw new Error('the maintenance window just stored is missing');
  return maintenanceWindowAnswer(created);
}
