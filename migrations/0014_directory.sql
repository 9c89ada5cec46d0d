-- The public MCP directory (docs/directory.md): registries, their entries (latest version only), the endpoints they
-- list (one row per URL, deduplicated, each watched by one monitor of the directory organisation), and the audit's
-- daily series. The directory organisation has no members: no session or API key can act for it.
INSERT INTO "organizations" ("id", "name") VALUES ('00000000-0000-4000-8000-00000000d1e0', 'mcpulse directory') ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
CREATE TABLE "directory_audit_days" (
	"day" date NOT NULL,
	"bucket" text NOT NULL,
	"error_code" text DEFAULT '' NOT NULL,
	"endpoints" integer NOT NULL,
	CONSTRAINT "directory_audit_days_day_bucket_error_code_pk" PRIMARY KEY("day","bucket","error_code")
);
--> statement-breakpoint
CREATE TABLE "directory_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"transport" text NOT NULL,
	"auth_requirement" text DEFAULT 'none' NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"monitor_id" uuid,
	"skip_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_endpoints_url_unique" UNIQUE("url"),
	CONSTRAINT "directory_endpoints_monitor_id_unique" UNIQUE("monitor_id"),
	CONSTRAINT "directory_endpoints_url_bounded" CHECK (char_length("directory_endpoints"."url") <= 2048)
);
--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registry_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"status" text NOT NULL,
	"title" text,
	"description" text,
	"website_url" text,
	"repository_url" text,
	"remotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"meta" jsonb,
	"published_at" timestamp with time zone,
	"upstream_updated_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_entries_name_bounded" CHECK (char_length("directory_entries"."name") between 1 and 200),
	CONSTRAINT "directory_entries_version_bounded" CHECK (char_length("directory_entries"."version") <= 100),
	CONSTRAINT "directory_entries_description_bounded" CHECK (char_length("directory_entries"."description") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "directory_entry_endpoints" (
	"entry_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	CONSTRAINT "directory_entry_endpoints_entry_id_endpoint_id_pk" PRIMARY KEY("entry_id","endpoint_id")
);
--> statement-breakpoint
CREATE TABLE "directory_registries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"updated_since" timestamp with time zone,
	"last_sync_started_at" timestamp with time zone,
	"last_sync_finished_at" timestamp with time zone,
	"last_sync_error" text,
	"last_sync_entries" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_registries_url_unique" UNIQUE("url")
);
--> statement-breakpoint
ALTER TABLE "directory_endpoints" ADD CONSTRAINT "directory_endpoints_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_registry_id_directory_registries_id_fk" FOREIGN KEY ("registry_id") REFERENCES "public"."directory_registries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entry_endpoints" ADD CONSTRAINT "directory_entry_endpoints_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entry_endpoints" ADD CONSTRAINT "directory_entry_endpoints_endpoint_id_directory_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."directory_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_endpoints_host_idx" ON "directory_endpoints" USING btree ("host");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_entries_registry_name_unique" ON "directory_entries" USING btree ("registry_id","name");--> statement-breakpoint
CREATE INDEX "directory_entries_name_idx" ON "directory_entries" USING btree ("name");--> statement-breakpoint
CREATE INDEX "directory_entry_endpoints_endpoint_idx" ON "directory_entry_endpoints" USING btree ("endpoint_id");