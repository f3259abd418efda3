ALTER TABLE `org_units` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `people` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `assessment_schemes` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `assessment_cycles` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `assessment_entries` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `assessment_sessions` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `assessment_results` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_classes` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_series` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_sessions` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_attendance` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_requirement_rules` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `training_categories` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_schemes` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_level_history` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_grade_inputs` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_promotion_runs` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_pay_sheets` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `salary_pay_lines` ADD `origin` text;
--> statement-breakpoint
-- Hand-written backfill: rows already received before this migration get their origin.
-- At the county, every unit below an enrolled community's unit is that community's;
-- at a community, rows of the county's own unit came down in its policy bundles.
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `org_units` SET origin = (SELECT code FROM owned WHERE owned.id = `org_units`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `org_units` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `org_units`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `people` SET origin = (SELECT code FROM owned WHERE owned.id = `people`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `people` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `people`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `assessment_schemes` SET origin = (SELECT code FROM owned WHERE owned.id = `assessment_schemes`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `assessment_schemes` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `assessment_schemes`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `assessment_cycles` SET origin = (SELECT code FROM owned WHERE owned.id = `assessment_cycles`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `assessment_cycles` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `assessment_cycles`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `assessment_entries` SET origin = (SELECT code FROM owned WHERE owned.id = `assessment_entries`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `assessment_entries` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `assessment_entries`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `assessment_sessions` SET origin = (SELECT code FROM owned WHERE owned.id = `assessment_sessions`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `assessment_sessions` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `assessment_sessions`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `assessment_results` SET origin = (SELECT code FROM owned WHERE owned.id = `assessment_results`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `assessment_results` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `assessment_results`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_classes` SET origin = (SELECT code FROM owned WHERE owned.id = `training_classes`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_classes` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_classes`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_series` SET origin = (SELECT code FROM owned WHERE owned.id = `training_series`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_series` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_series`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_sessions` SET origin = (SELECT code FROM owned WHERE owned.id = `training_sessions`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_sessions` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_sessions`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_attendance` SET origin = (SELECT code FROM owned WHERE owned.id = `training_attendance`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_attendance` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_attendance`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_requirement_rules` SET origin = (SELECT code FROM owned WHERE owned.id = `training_requirement_rules`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_requirement_rules` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_requirement_rules`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `training_categories` SET origin = (SELECT code FROM owned WHERE owned.id = `training_categories`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `training_categories` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `training_categories`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_schemes` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_schemes`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_schemes` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_schemes`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_level_history` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_level_history`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_level_history` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_level_history`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_grade_inputs` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_grade_inputs`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_grade_inputs` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_grade_inputs`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_promotion_runs` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_promotion_runs`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_promotion_runs` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_promotion_runs`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_pay_sheets` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_pay_sheets`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_pay_sheets` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_pay_sheets`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
--> statement-breakpoint
WITH RECURSIVE owned(id, code) AS (
  SELECT org_id, org_code FROM bundle_peers WHERE role = 'community' AND status IN ('trusted', 'revoked')
  UNION SELECT o.id, owned.code FROM org_units o JOIN owned ON o.parent_id = owned.id
)
UPDATE `salary_pay_lines` SET origin = (SELECT code FROM owned WHERE owned.id = `salary_pay_lines`.org_id LIMIT 1) WHERE org_id IN (SELECT id FROM owned);
--> statement-breakpoint
UPDATE `salary_pay_lines` SET origin = (SELECT org_code FROM bundle_peers p WHERE p.role = 'county' AND p.status IN ('trusted', 'revoked') AND p.org_id = `salary_pay_lines`.org_id LIMIT 1)
  WHERE org_id IN (SELECT org_id FROM bundle_peers WHERE role = 'county' AND status IN ('trusted', 'revoked'));
