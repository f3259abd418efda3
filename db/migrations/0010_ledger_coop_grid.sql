CREATE TABLE `coop_units` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`party_org` text,
	`contact_name` text,
	`contact_phone` text,
	`space_m2` real DEFAULT 0 NOT NULL,
	`squares` integer DEFAULT 0 NOT NULL,
	`facilities` integer DEFAULT 0 NOT NULL,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `coop_units_org_idx` ON `coop_units` (`org_id`);--> statement-breakpoint
CREATE INDEX `coop_units_seq_idx` ON `coop_units` (`change_seq`);--> statement-breakpoint
CREATE TABLE `coop_agreement_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`agreement_id` text NOT NULL,
	`quarter` text NOT NULL,
	`submitted_date` text NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `coop_agreement_reports_agreement_idx` ON `coop_agreement_reports` (`agreement_id`,`quarter`);--> statement-breakpoint
CREATE INDEX `coop_agreement_reports_seq_idx` ON `coop_agreement_reports` (`change_seq`);--> statement-breakpoint
CREATE TABLE `coop_agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`unit_id` text NOT NULL,
	`title` text NOT NULL,
	`signed_date` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`clauses` text,
	`contact_name` text,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `coop_agreements_org_idx` ON `coop_agreements` (`org_id`);--> statement-breakpoint
CREATE INDEX `coop_agreements_unit_idx` ON `coop_agreements` (`unit_id`);--> statement-breakpoint
CREATE INDEX `coop_agreements_seq_idx` ON `coop_agreements` (`change_seq`);--> statement-breakpoint
CREATE TABLE `coop_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`date` text NOT NULL,
	`host_unit_id` text,
	`chair_name` text,
	`attendees` text NOT NULL,
	`topics` text NOT NULL,
	`minutes` text,
	`previous_meeting_id` text,
	`follow_ups` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `coop_meetings_org_date_idx` ON `coop_meetings` (`org_id`,`date`);--> statement-breakpoint
CREATE INDEX `coop_meetings_seq_idx` ON `coop_meetings` (`change_seq`);--> statement-breakpoint
CREATE TABLE `coop_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`date` text NOT NULL,
	`title` text NOT NULL,
	`unit_ids` text NOT NULL,
	`team_ids` text NOT NULL,
	`participants` integer NOT NULL,
	`problems_solved` integer NOT NULL,
	`order_refs` text NOT NULL,
	`content` text
);
--> statement-breakpoint
CREATE INDEX `coop_activities_org_date_idx` ON `coop_activities` (`org_id`,`date`);--> statement-breakpoint
CREATE INDEX `coop_activities_seq_idx` ON `coop_activities` (`change_seq`);--> statement-breakpoint
CREATE TABLE `coop_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`name` text NOT NULL,
	`categories` text NOT NULL,
	`members` text NOT NULL,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `coop_teams_org_idx` ON `coop_teams` (`org_id`);--> statement-breakpoint
CREATE INDEX `coop_teams_seq_idx` ON `coop_teams` (`change_seq`);--> statement-breakpoint
CREATE TABLE `grid_areas` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`name` text NOT NULL,
	`households` integer NOT NULL,
	`leader_person_id` text,
	`worker_person_ids` text NOT NULL,
	`remarks` text
);
--> statement-breakpoint
CREATE INDEX `grid_areas_org_idx` ON `grid_areas` (`org_id`);--> statement-breakpoint
CREATE INDEX `grid_areas_seq_idx` ON `grid_areas` (`change_seq`);--> statement-breakpoint
CREATE TABLE `grid_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`work_unit` text NOT NULL,
	`phone` text,
	`specialty` text,
	`categories` text NOT NULL,
	`grid_id` text,
	`registered_date` text NOT NULL,
	`receipt_date` text,
	`left_date` text
);
--> statement-breakpoint
CREATE INDEX `grid_registrations_org_idx` ON `grid_registrations` (`org_id`);--> statement-breakpoint
CREATE INDEX `grid_registrations_seq_idx` ON `grid_registrations` (`change_seq`);--> statement-breakpoint
CREATE TABLE `grid_service_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`registration_id` text NOT NULL,
	`quarter` text NOT NULL,
	`sent_date` text NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `grid_service_feedback_reg_idx` ON `grid_service_feedback` (`registration_id`,`quarter`);--> statement-breakpoint
CREATE INDEX `grid_service_feedback_seq_idx` ON `grid_service_feedback` (`change_seq`);--> statement-breakpoint
CREATE TABLE `grid_service_records` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`registration_id` text NOT NULL,
	`date` text NOT NULL,
	`category` text NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `grid_service_records_reg_idx` ON `grid_service_records` (`registration_id`,`date`);--> statement-breakpoint
CREATE INDEX `grid_service_records_seq_idx` ON `grid_service_records` (`change_seq`);