ALTER TABLE "directory_registries" ADD COLUMN "last_sync_skipped" integer;--> statement-breakpoint
ALTER TABLE "directory_registries" ADD COLUMN "last_full_sync_at" timestamp with time zone;