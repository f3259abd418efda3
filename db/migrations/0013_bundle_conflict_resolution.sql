ALTER TABLE `bundle_conflicts` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `bundle_conflicts` ADD `resolved_by` text;