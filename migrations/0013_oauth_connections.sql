-- "Connect with OAuth" (docs/probe.md): a monitor may hold the refresh token of a person's sign-in, sealed like its
-- headers, with only the issuer, client id, scope and generation in clear. A monitor holds client credentials or a
-- connection, never both.
ALTER TABLE "monitors" ADD COLUMN "oauth_connection_sealed" text;--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "oauth_connection" jsonb;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_one_oauth" CHECK ("monitors"."oauth_sealed" is null or "monitors"."oauth_connection_sealed" is null);--> statement-breakpoint
-- Authorizations under way: bound to the session and organisation that started them, single use (the state's hash is
-- cleared when the redirect comes back), short-lived. The PKCE verifier and the client are sealed to the row.
CREATE TABLE "oauth_authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_hash" text,
	"organization_id" uuid NOT NULL,
	"session_hash" text NOT NULL,
	"monitor_id" uuid,
	"url" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"request_sealed" text,
	"connection_sealed" text,
	"connection" jsonb,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oauth_authorizations_failure_bounded" CHECK (char_length("oauth_authorizations"."failure") <= 1024)
);
--> statement-breakpoint
ALTER TABLE "oauth_authorizations" ADD CONSTRAINT "oauth_authorizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_authorizations" ADD CONSTRAINT "oauth_authorizations_session_hash_sessions_token_hash_fk" FOREIGN KEY ("session_hash") REFERENCES "public"."sessions"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_authorizations" ADD CONSTRAINT "oauth_authorizations_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_authorizations_state_unique" ON "oauth_authorizations" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "oauth_authorizations_expires_idx" ON "oauth_authorizations" USING btree ("expires_at");
