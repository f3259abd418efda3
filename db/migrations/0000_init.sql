CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`parent_id` text,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`code_edition` text
);
--> statement-breakpoint
CREATE INDEX `org_units_parent_idx` ON `org_units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `org_units_seq_idx` ON `org_units` (`change_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `org_units_code_uq` ON `org_units` (`code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`ethnicity` text NOT NULL,
	`birth_date` text NOT NULL,
	`id_number` text,
	`native_place` text,
	`political_status` text NOT NULL,
	`party_join_date` text,
	`work_start_date` text,
	`community_work_start_date` text,
	`ft_education` text,
	`ft_degree` text,
	`ft_school_major` text,
	`pt_education` text,
	`pt_degree` text,
	`pt_school_major` text,
	`posts` text NOT NULL,
	`one_shoulder` integer DEFAULT false NOT NULL,
	`cross_posting` integer DEFAULT false NOT NULL,
	`reserve_cadre` integer DEFAULT false NOT NULL,
	`post_category` text NOT NULL,
	`sw_qualification` text,
	`sw_qualification_date` text,
	`phone` text,
	`grid` text,
	`remarks` text,
	`status` text NOT NULL,
	`status_date` text,
	`status_reason` text
);
--> statement-breakpoint
CREATE INDEX `people_org_idx` ON `people` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `people_seq_idx` ON `people` (`change_seq`);--> statement-breakpoint
CREATE INDEX `people_name_idx` ON `people` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_active_id_uq` ON `people` (`id_number`) WHERE status = '在岗' AND deleted_at IS NULL AND id_number IS NOT NULL;--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`operation` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
