import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { firstOrganizationOf, setPasswordHash, userByEmail } from '@mcpulse/db';
import type { AppOptions } from '../app-options.js';
import { hashPassword } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { signUp } from '../domain/accounts/sign-up.js';
import { createMonitor } from '../domain/monitors/create-monitor.js';
import { listMonitors } from '../domain/monitors/list-monitors.js';
import { ProbeSlots } from '../domain/monitors/probe-slots.js';
import { updateMonitor } from '../domain/monitors/update-monitor.js';

export const DEMO_EMAIL = 'demo@mcpulse.local';
const DEMO_MONITOR = 'Demo MCP server';

export interface DemoLogin {
  email: string;
  password: string;
  /** Where the login is kept, so it can be found again after the banner scrolled away. */
  file: string;
}

const loginFile = (dataDir: string) => path.join(dataDir, 'demo-login.json');

async function demoPassword(dataDir: string): Promise<{ password: string; fresh: boolean }> {
  const file = loginFile(dataDir);
  try {
    return {
      password: (JSON.parse(await readFile(file, 'utf8')) as { password: string }).password,
      fresh: false,
    };
  } catch {
    const password = randomBytes(12).toString('base64url');
    await writeFile(file, JSON.stringify({ email: DEMO_EMAIL, password }), { mode: 0o600 });
    return { password, fresh: true };
  }
}

/**
 * `npm start -- --demo`: a demo account that monitors the demo MCP server at
 * `serverUrl`, so a newcomer sees results within a minute.
 */
export async function prepareDemoAccount(
  options: AppOptions,
  dataDir: string,
  serverUrl: string,
  now: Date,
): Promise<DemoLogin> {
  const { password, fresh } = await demoPassword(dataDir);
  let userId = (await userByEmail(options.db, DEMO_EMAIL))?.id;
  if (!userId) {
    userId = (await signUp(options.db, { email: DEMO_EMAIL, password, organizationName: 'Demo' }, now))
      .userId;
  } else if (fresh) {
    // The saved login was deleted: give the demo account the password just printed.
    await setPasswordHash(options.db, userId, await hashPassword(password));
  }
  const organizationId = await firstOrganizationOf(options.db, userId);
  if (!organizationId) throw new Error('the demo account has no organisation');
  const principal: Principal = {
    kind: 'session',
    organizationId,
    userId,
    scope: 'write',
    apiKeyId: null,
    csrfToken: null,
    sessionHash: null,
  };
  const current = (await listMonitors(options.db, principal, {})).find(
    (monitor) => monitor.name === DEMO_MONITOR,
  );
  // The demo server listens on a new port each start; the monitor follows it.
  const probing = { ...options, probeSlots: new ProbeSlots() };
  if (current) await updateMonitor(probing, principal, current.id, { url: serverUrl }, now);
  else {
    await createMonitor(
      probing,
      principal,
      { name: DEMO_MONITOR, url: serverUrl, intervalSeconds: 30, confirmations: 2 },
      now,
    );
  }
  return { email: DEMO_EMAIL, password, file: loginFile(dataDir) };
}
