CREATE TABLE `assessment_schemes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`year` integer NOT NULL,
	`population` text NOT NULL,
	`name` text NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`config` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assessment_schemes_year_idx` ON `assessment_schemes` (`year`,`population`);--> statement-breakpoint
CREATE INDEX `assessment_schemes_seq_idx` ON `assessment_schemes` (`change_seq`);--> statement-breakpoint
CREATE TABLE `assessment_cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`scheme_id` text NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`locked_at` text,
	`locked_by` text,
	`reopen_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assessment_cycles_org_idx` ON `assessment_cycles` (`org_id`,`year`);--> statement-breakpoint
CREATE INDEX `assessment_cycles_seq_idx` ON `assessment_cycles` (`change_seq`);--> statement-breakpoint
CREATE TABLE `assessment_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`cycle_id` text NOT NULL,
	`person_id` text NOT NULL,
	`person_name` text NOT NULL,
	`posts` text NOT NULL,
	`status` text NOT NULL,
	`scores` text NOT NULL,
	`self_assessment` text,
	`report_notes` text,
	`final_grade` text,
	`final_reason` text
);
--> statement-breakpoint
CREATE INDEX `assessment_entries_cycle_idx` ON `assessment_entries` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `assessment_entries_seq_idx` ON `assessment_entries` (`change_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_entries_person_uq` ON `assessment_entries` (`cycle_id`,`person_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `assessment_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`cycle_id` text NOT NULL,
	`date` text NOT NULL,
	`rater_group` text NOT NULL,
	`issued` integer NOT NULL,
	`returned` integer NOT NULL,
	`valid` integer NOT NULL,
	`invalid` integer NOT NULL,
	`counter` text,
	`supervisor` text,
	`announced` integer DEFAULT false NOT NULL,
	`tallies` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assessment_sessions_cycle_idx` ON `assessment_sessions` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `assessment_sessions_seq_idx` ON `assessment_sessions` (`change_seq`);--> statement-breakpoint
CREATE TABLE `assessment_results` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`person_id` text NOT NULL,
	`year` integer NOT NULL,
	`cycle_id` text NOT NULL,
	`grade` text NOT NULL,
	`total` real NOT NULL,
	`rank` integer NOT NULL,
	`rank_of` integer NOT NULL,
	`confirmed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assessment_results_seq_idx` ON `assessment_results` (`change_seq`);--> statement-breakpoint
CREATE INDEX `assessment_results_cycle_idx` ON `assessment_results` (`cycle_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_results_person_year_uq` ON `assessment_results` (`person_id`,`year`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`org_scope_id` text,
	`password_salt` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_history` text NOT NULL,
	`must_change_password` integer NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`password_changed_at` text NOT NULL,
	`last_login_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_name` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `outcome` text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
CREATE INDEX `audit_log_op_idx` ON `audit_log` (`operation`);