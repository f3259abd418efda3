CREATE TABLE `bundle_audit_anchors` (
	`chain` text PRIMARY KEY NOT NULL,
	`sender_code` text NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`bundle_id` text NOT NULL,
	`anchored_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bundle_audit_holds` (
	`sha256` text PRIMARY KEY NOT NULL,
	`chain` text NOT NULL,
	`sender_code` text NOT NULL,
	`bundle_seq` integer NOT NULL,
	`file_name` text NOT NULL,
	`file` text NOT NULL,
	`finding` text NOT NULL,
	`received_at` text NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`note` text
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `subject` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `org_id` text;--> statement-breakpoint
CREATE INDEX `audit_log_org_idx` ON `audit_log` (`org_id`);--> statement-breakpoint
ALTER TABLE `bundle_exports` ADD `audit_seq` integer;
--> statement-breakpoint
-- Hand-written: the audit log is append-only for every ordinary code path.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
