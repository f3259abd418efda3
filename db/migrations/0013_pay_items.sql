ALTER TABLE `salary_pay_lines` ADD `items` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `salary_pay_lines` ADD `deductions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `salary_pay_lines` ADD `deductions_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `salary_pay_lines` ADD `withheld_fen` integer DEFAULT 0 NOT NULL;