CREATE TABLE "directory_summaries" (
	"endpoint_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"servers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"name" text NOT NULL,
	"search" text NOT NULL,
	"state" text NOT NULL,
	"state_since" timestamp with time zone,
	"skip_reason" text,
	"error_code" text,
	"uptime_30d" double precision,
	"p95_ms" integer,
	"era" text,
	"protocol_version" text,
	"transport" text NOT NULL,
	"auth_requirement" text NOT NULL,
	"tool_count" integer,
	"last_schema_change_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_summaries" ADD CONSTRAINT "directory_summaries_endpoint_id_directory_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."directory_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_summaries_name_idx" ON "directory_summaries" USING btree ("name","endpoint_id");--> statement-breakpoint
CREATE INDEX "directory_summaries_state_idx" ON "directory_summaries" USING btree ("state");