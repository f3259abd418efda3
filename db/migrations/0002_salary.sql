CREATE TABLE `salary_schemes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`name` text NOT NULL,
	`doc_no` text,
	`effective_date` text NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`config` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_schemes_effective_uq` ON `salary_schemes` (`effective_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `salary_schemes_seq_idx` ON `salary_schemes` (`change_seq`);--> statement-breakpoint
CREATE TABLE `salary_level_history` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`person_id` text NOT NULL,
	`scheme_id` text NOT NULL,
	`post` text NOT NULL,
	`level` integer NOT NULL,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`approver` text NOT NULL,
	`note` text,
	`run_id` text
);
--> statement-breakpoint
CREATE INDEX `salary_level_history_person_idx` ON `salary_level_history` (`person_id`,`effective_date`);--> statement-breakpoint
CREATE INDEX `salary_level_history_seq_idx` ON `salary_level_history` (`change_seq`);--> statement-breakpoint
CREATE TABLE `salary_grade_inputs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`person_id` text NOT NULL,
	`year` integer NOT NULL,
	`grade` text NOT NULL,
	`source` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_grade_inputs_person_year_uq` ON `salary_grade_inputs` (`person_id`,`year`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `salary_grade_inputs_year_idx` ON `salary_grade_inputs` (`year`);--> statement-breakpoint
CREATE INDEX `salary_grade_inputs_seq_idx` ON `salary_grade_inputs` (`change_seq`);--> statement-breakpoint
CREATE TABLE `salary_promotion_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`year` integer NOT NULL,
	`scheme_id` text NOT NULL,
	`effective_date` text NOT NULL,
	`approver` text NOT NULL,
	`note` text,
	`decisions` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_promotion_runs_org_year_uq` ON `salary_promotion_runs` (`org_id`,`year`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `salary_promotion_runs_seq_idx` ON `salary_promotion_runs` (`change_seq`);--> statement-breakpoint
CREATE TABLE `salary_pay_sheets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`month` text NOT NULL,
	`scheme_id` text NOT NULL,
	`scheme_name` text NOT NULL,
	`confirmed_at` text NOT NULL,
	`confirmed_by` text NOT NULL,
	`total_fen` integer NOT NULL,
	`missing` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_pay_sheets_org_month_uq` ON `salary_pay_sheets` (`org_id`,`month`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `salary_pay_sheets_seq_idx` ON `salary_pay_sheets` (`change_seq`);--> statement-breakpoint
CREATE TABLE `salary_pay_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`sheet_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`person_id` text NOT NULL,
	`person_name` text NOT NULL,
	`org_name` text NOT NULL,
	`post` text NOT NULL,
	`level` integer NOT NULL,
	`grade` text,
	`base_fen` integer NOT NULL,
	`allowances_fen` integer NOT NULL,
	`allowances` text NOT NULL,
	`performance_fen` integer NOT NULL,
	`total_fen` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `salary_pay_lines_sheet_idx` ON `salary_pay_lines` (`sheet_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `salary_pay_lines_seq_idx` ON `salary_pay_lines` (`change_seq`);