CREATE TABLE `salary_settlements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`year` integer NOT NULL,
	`scheme_id` text NOT NULL,
	`scheme_name` text NOT NULL,
	`confirmed_at` text NOT NULL,
	`confirmed_by` text NOT NULL,
	`total_fen` integer NOT NULL,
	`lines` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_settlements_org_year_uq` ON `salary_settlements` (`org_id`,`year`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `salary_settlements_seq_idx` ON `salary_settlements` (`change_seq`);