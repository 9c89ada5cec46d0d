-- Protocol changes and releases, confirmed as schema drift is (docs/webhooks.md). A monitor's state follows its
-- server's protocol and release (null until a check after this migration shows them: the first one seen is where
-- the monitor starts, not a change), and the protocol confirmed when its schema was last seen.
ALTER TABLE "monitor_state" ADD COLUMN "protocol_tracking" jsonb;--> statement-breakpoint
ALTER TABLE "monitor_state" ADD COLUMN "release_tracking" jsonb;--> statement-breakpoint
ALTER TABLE "monitor_state" ADD COLUMN "schema_protocol" jsonb;--> statement-breakpoint
-- Release markers: each confirmed change of serverInfo.version, once. The strings are the server's, bounded as the
-- storable boundary bounds serverInfo (STORABLE_LIMITS.serverFieldChars).
CREATE TABLE "monitor_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"monitor_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"server_name" text,
	"from_version" text NOT NULL,
	"to_version" text NOT NULL,
	"dedupe_key" text NOT NULL,
	CONSTRAINT "monitor_releases_bounded" CHECK (char_length("monitor_releases"."from_version") <= 512 and char_length("monitor_releases"."to_version") <= 512 and char_length("monitor_releases"."server_name") <= 512)
);
--> statement-breakpoint
ALTER TABLE "monitor_releases" ADD CONSTRAINT "monitor_releases_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitor_releases_dedupe_unique" ON "monitor_releases" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "monitor_releases_monitor_idx" ON "monitor_releases" USING btree ("monitor_id","occurred_at");
