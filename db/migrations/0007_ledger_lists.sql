CREATE TABLE `ledger_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`title` text NOT NULL,
	`content` text,
	`category` text NOT NULL,
	`issued_on` text NOT NULL,
	`deadline` text NOT NULL,
	`target_org_ids` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_tasks_seq_idx` ON `ledger_tasks` (`change_seq`);--> statement-breakpoint
CREATE INDEX `ledger_tasks_deadline_idx` ON `ledger_tasks` (`deadline`);--> statement-breakpoint
CREATE TABLE `ledger_task_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`task_id` text NOT NULL,
	`progress` integer NOT NULL,
	`done` integer NOT NULL,
	`content` text NOT NULL,
	`reported_on` text NOT NULL,
	`reported_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_task_reports_task_idx` ON `ledger_task_reports` (`task_id`,`org_id`);--> statement-breakpoint
CREATE INDEX `ledger_task_reports_seq_idx` ON `ledger_task_reports` (`change_seq`);--> statement-breakpoint
CREATE TABLE `ledger_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`kind` text NOT NULL,
	`source_unit_name` text NOT NULL,
	`title` text NOT NULL,
	`content` text,
	`category` text NOT NULL,
	`registered_on` text NOT NULL,
	`deadline` text,
	`progress` integer NOT NULL,
	`measures` text,
	`from_item_id` text,
	`closed_on` text,
	`closed_by` text,
	`close_note` text,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_items_org_idx` ON `ledger_items` (`org_id`,`kind`);--> statement-breakpoint
CREATE INDEX `ledger_items_seq_idx` ON `ledger_items` (`change_seq`);--> statement-breakpoint
CREATE INDEX `ledger_items_registered_idx` ON `ledger_items` (`registered_on`);--> statement-breakpoint
CREATE TABLE `ledger_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`owner_id` text NOT NULL,
	`step_id` text,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data_base64` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_attachments_owner_idx` ON `ledger_attachments` (`owner_id`);--> statement-breakpoint
CREATE INDEX `ledger_attachments_seq_idx` ON `ledger_attachments` (`change_seq`);--> statement-breakpoint
CREATE TABLE `ledger_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`source` text NOT NULL,
	`title` text NOT NULL,
	`content` text,
	`category` text NOT NULL,
	`registered_on` text NOT NULL,
	`status` text NOT NULL,
	`assignee_kind` text,
	`assignee_id` text,
	`assignee_name` text,
	`due_date` text,
	`taken_by` text,
	`feedback` text,
	`rating` text,
	`closed_on` text
);
--> statement-breakpoint
CREATE INDEX `ledger_orders_org_idx` ON `ledger_orders` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `ledger_orders_seq_idx` ON `ledger_orders` (`change_seq`);--> statement-breakpoint
CREATE INDEX `ledger_orders_registered_idx` ON `ledger_orders` (`registered_on`);--> statement-breakpoint
CREATE TABLE `ledger_order_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`order_id` text NOT NULL,
	`step` text NOT NULL,
	`actor_name` text NOT NULL,
	`at` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `ledger_order_steps_order_idx` ON `ledger_order_steps` (`order_id`);--> statement-breakpoint
CREATE INDEX `ledger_order_steps_seq_idx` ON `ledger_order_steps` (`change_seq`);--> statement-breakpoint
CREATE TABLE `ledger_quarter_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`change_seq` integer NOT NULL,
	`deleted_at` text,
	`delete_reason` text,
	`origin` text,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`summary` text NOT NULL,
	`figures` text NOT NULL,
	`sealed_at` text,
	`sealed_by` text,
	`corrects_id` text
);
--> statement-breakpoint
CREATE INDEX `ledger_quarter_reports_org_idx` ON `ledger_quarter_reports` (`org_id`,`year`,`quarter`);--> statement-breakpoint
CREATE INDEX `ledger_quarter_reports_seq_idx` ON `ledger_quarter_reports` (`change_seq`);