import { NotFound } from '@mcpulse/core';
import { type Db, ownedBadgesPublic, setOwnedBadgesPublic } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

type Caller = Pick<Principal, 'organizationId'>;

export interface BadgeSettings {
  public: boolean;
}

/** Whether one of the caller's monitors shows its badges to anyone. */
export async function readBadgeSettings(
  db: Db,
  principal: Caller,
  monitorId: string,
): Promise<BadgeSettings> {
  const badgesPublic = await ownedBadgesPublic(db, principal.organizationId, monitorId);
  if (badgesPublic === null) throw new NotFound('monitor');
  return { public: badgesPublic };
}

/** Makes the badges of one of the caller's monitors public or private. */
export async function changeBadgeSettings(
  db: Db,
  principal: Caller,
  monitorId: string,
  settings: BadgeSettings,
): Promise<BadgeSettings> {
  const badgesPublic = await setOwnedBadgesPublic(db, principal.organizationId, monitorId, settings.public);
  if (badgesPublic === null) throw new NotFound('monitor');
  return { public: badgesPublic };
}
