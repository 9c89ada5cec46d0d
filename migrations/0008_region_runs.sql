ALTER TABLE "monitor_region_state" ADD COLUMN "run_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitor_state" ADD COLUMN "first_checked_at" timestamp with time zone;--> statement-breakpoint
-- Monitored time starts at a monitor's first check. Raw results keep the exact time while they are
-- retained; before that only day rollups are left, and a day's start stands for its first check.
UPDATE "monitor_state" AS s SET "first_checked_at" = least(
  (SELECT min(r."checked_at") FROM "probe_results" r WHERE r."monitor_id" = s."monitor_id"),
  (SELECT min(u."bucket_start") FROM "rollups" u
     WHERE u."monitor_id" = s."monitor_id" AND u."granularity" = 'day' AND u."checks" > 0)
) WHERE s."first_checked_at" IS NULL;
