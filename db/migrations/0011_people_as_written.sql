ALTER TABLE `people` ADD `posts_as_written` text;--> statement-breakpoint
ALTER TABLE `people` ADD `ft_education_as_written` text;--> statement-breakpoint
ALTER TABLE `people` ADD `pt_education_as_written` text;