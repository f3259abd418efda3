CREATE TABLE `bundle_own_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`age_identity` text NOT NULL,
	`age_recipient` text NOT NULL,
	`age_source` text NOT NULL,
	`sign_private` text NOT NULL,
	`sign_public` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `bundle_peers` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`org_code` text NOT NULL,
	`org_name` text NOT NULL,
	`org_id` text NOT NULL,
	`age_recipients` text NOT NULL,
	`sign_public` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `bundle_peers_code_idx` ON `bundle_peers` (`org_code`,`status`);--> statement-breakpoint
CREATE TABLE `bundle_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`chain` text NOT NULL,
	`seq` integer NOT NULL,
	`full` integer NOT NULL,
	`bundle_id` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`prev_sha256` text NOT NULL,
	`to_change_seq` integer NOT NULL,
	`sign_key_id` text NOT NULL,
	`counts` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `bundle_exports_chain_idx` ON `bundle_exports` (`chain`,`status`,`seq`);--> statement-breakpoint
CREATE TABLE `bundle_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`kind` text,
	`sender_code` text,
	`seq` integer,
	`bundle_id` text,
	`report` text
);
--> statement-breakpoint
CREATE INDEX `bundle_imports_sender_idx` ON `bundle_imports` (`sender_code`,`at`);--> statement-breakpoint
CREATE TABLE `bundle_sender_state` (
	`chain` text PRIMARY KEY NOT NULL,
	`sender_code` text NOT NULL,
	`sign_fingerprint` text NOT NULL,
	`last_seq` integer NOT NULL,
	`last_sha256` text NOT NULL,
	`last_bundle_id` text NOT NULL,
	`last_imported_at` text NOT NULL,
	`last_created_at` text NOT NULL,
	`records` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bundle_held` (
	`sha256` text PRIMARY KEY NOT NULL,
	`chain` text NOT NULL,
	`seq` integer NOT NULL,
	`file_name` text NOT NULL,
	`file` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bundle_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`sender_code` text NOT NULL,
	`org_id` text NOT NULL,
	`record` text NOT NULL,
	`reason` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text
);
--> statement-breakpoint
CREATE INDEX `bundle_conflicts_open_idx` ON `bundle_conflicts` (`resolved_at`,`table_name`);