ALTER TABLE `salary_pay_lines` ADD `corrections` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `salary_pay_lines` ADD `correction_fen` integer DEFAULT 0 NOT NULL;