CREATE TABLE "monitor_schema_snapshots" (
	"monitor_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"tools" jsonb,
	"tool_count" integer NOT NULL,
	"size_bytes" integer NOT NULL,
	"omitted" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_schema_snapshots_monitor_id_hash_pk" PRIMARY KEY("monitor_id","hash")
);
--> statement-breakpoint
ALTER TABLE "monitor_schema_snapshots" ADD CONSTRAINT "monitor_schema_snapshots_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every monitor gets its own copy of each shared snapshot it refers to: its confirmed and candidate
-- schemas and both sides of its drifts. The shared rows stay, for the previous release while it still
-- runs; storage upkeep deletes those that no monitor refers to any more.
INSERT INTO "monitor_schema_snapshots" ("monitor_id", "hash", "tools", "tool_count", "size_bytes", "first_seen_at")
SELECT refs.monitor_id, s.hash, s.tools, s.tool_count, octet_length(s.tools::text), greatest(s.first_seen_at, m.created_at)
FROM (
	SELECT monitor_id, schema_hash AS hash FROM monitor_state WHERE schema_hash IS NOT NULL
	UNION SELECT monitor_id, candidate_schema_hash FROM monitor_state WHERE candidate_schema_hash IS NOT NULL
	UNION SELECT monitor_id, payload->>'fromHash' FROM events
		WHERE type = 'schema.drift' AND monitor_id IS NOT NULL AND payload->>'fromHash' IS NOT NULL
	UNION SELECT monitor_id, payload->>'toHash' FROM events
		WHERE type = 'schema.drift' AND monitor_id IS NOT NULL AND payload->>'toHash' IS NOT NULL
) refs
JOIN "schema_snapshots" s ON s.hash = refs.hash
JOIN "monitors" m ON m.id = refs.monitor_id
ON CONFLICT DO NOTHING;
