-- Rollups partitioned by granularity. In one table, minute rows (one per check
-- for the raw retention window) outnumber hour and day rows many times over,
-- and Postgres multiplies the selectivities of `granularity = 'hour'` and a
-- `bucket_start` range as if they were independent: with 200 monitors and a
-- week of minutes it expected ten times the hour rows of the last 24 hours,
-- scanned the whole table for the monitor list and took seconds (bench/api).
-- A partition per level has statistics of its own, and the same queries use
-- their primary-key index. Keys, conflict targets and the foreign key are
-- unchanged, so no query changes.
ALTER TABLE "rollups" RENAME TO "rollups_unpartitioned";--> statement-breakpoint
ALTER TABLE "rollups_unpartitioned" RENAME CONSTRAINT "rollups_monitor_id_granularity_region_bucket_start_pk" TO "rollups_unpartitioned_pk";--> statement-breakpoint
ALTER TABLE "rollups_unpartitioned" RENAME CONSTRAINT "rollups_monitor_id_monitors_id_fk" TO "rollups_unpartitioned_monitor_fk";--> statement-breakpoint
CREATE TABLE "rollups" (
	"monitor_id" uuid NOT NULL,
	"region" text NOT NULL,
	"granularity" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"checks" integer NOT NULL,
	"up" integer NOT NULL,
	"degraded" integer NOT NULL,
	"down" integer NOT NULL,
	"latency_sum_ms" real NOT NULL,
	"latency_histogram" jsonb NOT NULL,
	CONSTRAINT "rollups_monitor_id_granularity_region_bucket_start_pk" PRIMARY KEY("monitor_id","granularity","region","bucket_start")
) PARTITION BY LIST ("granularity");--> statement-breakpoint
ALTER TABLE "rollups" ADD CONSTRAINT "rollups_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "rollups_minute" PARTITION OF "rollups" FOR VALUES IN ('minute');--> statement-breakpoint
CREATE TABLE "rollups_hour" PARTITION OF "rollups" FOR VALUES IN ('hour');--> statement-breakpoint
CREATE TABLE "rollups_day" PARTITION OF "rollups" FOR VALUES IN ('day');--> statement-breakpoint
INSERT INTO "rollups" ("monitor_id", "region", "granularity", "bucket_start", "checks", "up", "degraded", "down", "latency_sum_ms", "latency_histogram")
	SELECT "monitor_id", "region", "granularity", "bucket_start", "checks", "up", "degraded", "down", "latency_sum_ms", "latency_histogram"
	FROM "rollups_unpartitioned";--> statement-breakpoint
DROP TABLE "rollups_unpartitioned";
