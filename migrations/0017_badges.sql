-- Badges (docs/badges.md): an owner opts a monitor's badges in, apart from its public status, since badges
-- also show latency, tool count and protocol version.
ALTER TABLE "monitors" ADD COLUMN "badges_public" boolean DEFAULT false NOT NULL;