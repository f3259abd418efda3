CREATE TABLE `training_classes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`level` text NOT NULL,
	`host` text,
	`organizer` text,
	`form` text NOT NULL,
	`location` text,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`days` real NOT NULL,
	`hours` real NOT NULL,
	`compulsory` integer DEFAULT true NOT NULL,
	`assessment_method` text,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `training_classes_start_idx` ON `training_classes` (`start_date`);--> statement-breakpoint
CREATE INDEX `training_classes_seq_idx` ON `training_classes` (`change_seq`);--> statement-breakpoint
CREATE TABLE `training_series` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`level` text NOT NULL,
	`host` text,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `training_series_seq_idx` ON `training_series` (`change_seq`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`series_id` text NOT NULL,
	`phase` integer NOT NULL,
	`topic` text NOT NULL,
	`speaker_person_id` text,
	`speaker_name` text NOT NULL,
	`date` text NOT NULL,
	`hours` real NOT NULL,
	`location` text,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `training_sessions_series_idx` ON `training_sessions` (`series_id`);--> statement-breakpoint
CREATE INDEX `training_sessions_date_idx` ON `training_sessions` (`date`);--> statement-breakpoint
CREATE INDEX `training_sessions_seq_idx` ON `training_sessions` (`change_seq`);--> statement-breakpoint
CREATE TABLE `training_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`class_id` text,
	`session_id` text,
	`person_id` text NOT NULL,
	`status` text NOT NULL,
	`credited_hours` real,
	`credited_days` real,
	`result` text,
	`score` real,
	`certificate_no` text,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `training_attendance_person_idx` ON `training_attendance` (`person_id`);--> statement-breakpoint
CREATE INDEX `training_attendance_seq_idx` ON `training_attendance` (`change_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_attendance_class_uq` ON `training_attendance` (`class_id`,`person_id`) WHERE class_id IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `training_attendance_session_uq` ON `training_attendance` (`session_id`,`person_id`) WHERE session_id IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `training_requirement_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`year` integer,
	`post` text,
	`post_category` text,
	`unit` text NOT NULL,
	`amount` real NOT NULL,
	`min_level` text,
	`is_sample` integer DEFAULT false NOT NULL,
	`sort_order` integer NOT NULL,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `training_rules_seq_idx` ON `training_requirement_rules` (`change_seq`);--> statement-breakpoint
CREATE TABLE `training_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `training_categories_seq_idx` ON `training_categories` (`change_seq`);