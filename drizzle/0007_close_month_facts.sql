-- The conversion report's time to close and revenue without reading a period's won leads one by one (see
-- docs/reports.md#per-lead-close-figures):
--   leads.close_secs    seconds from creation to stage_entered_at (0 when entered before created; NULL without),
--   leads.close_bucket  its length class, FLOOR(LOG2(close_secs + 1) * 4): both generated from the row, stored;
--   close_month_facts   live leads per Jakarta creation month, stage, channel (0 for none) and class (255 for none),
--                       with Σ enrolled_amount, kept by triggers on `leads` like lead_month_facts.
ALTER TABLE `leads`
  ADD `close_secs` int unsigned GENERATED ALWAYS AS (GREATEST(0, TIMESTAMPDIFF(SECOND, `created_at`, `stage_entered_at`))) STORED,
  ADD `close_bucket` tinyint unsigned GENERATED ALWAYS AS (FLOOR(LOG2(GREATEST(0, TIMESTAMPDIFF(SECOND, `created_at`, `stage_entered_at`)) + 1) * 4)) STORED,
  ADD INDEX `leads_close_bucket_idx` (`stage_id`,`close_bucket`,`deleted_at`,`created_at`,`channel_id`,`close_secs`);
--> statement-breakpoint
CREATE TABLE `close_month_facts` (
	`month` char(7) NOT NULL,
	`stage_id` bigint unsigned NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`bucket` tinyint unsigned NOT NULL,
	`leads` int unsigned NOT NULL,
	`enrolled_amount` bigint unsigned NOT NULL,
	CONSTRAINT `close_month_facts_pk` PRIMARY KEY(`month`,`stage_id`,`channel_id`,`bucket`)
);
--> statement-breakpoint
INSERT INTO close_month_facts (month, stage_id, channel_id, bucket, leads, enrolled_amount)
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(close_bucket, 255), COUNT(*), SUM(enrolled_amount)
FROM leads WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `leads_close_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    INSERT INTO close_month_facts (month, stage_id, channel_id, bucket, leads, enrolled_amount)
    VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0), COALESCE(NEW.close_bucket, 255), 1, NEW.enrolled_amount)
    ON DUPLICATE KEY UPDATE leads = leads + 1, enrolled_amount = enrolled_amount + NEW.enrolled_amount;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_close_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.created_at <=> NEW.created_at AND OLD.stage_id <=> NEW.stage_id
      AND OLD.channel_id <=> NEW.channel_id AND OLD.close_bucket <=> NEW.close_bucket AND OLD.enrolled_amount <=> NEW.enrolled_amount) THEN
    IF OLD.deleted_at IS NULL THEN
    UPDATE close_month_facts SET leads = leads - 1, enrolled_amount = enrolled_amount - OLD.enrolled_amount WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND channel_id = COALESCE(OLD.channel_id, 0) AND bucket = COALESCE(OLD.close_bucket, 255);
    DELETE FROM close_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND channel_id = COALESCE(OLD.channel_id, 0) AND bucket = COALESCE(OLD.close_bucket, 255) AND leads = 0;
    END IF;
    IF NEW.deleted_at IS NULL THEN
    INSERT INTO close_month_facts (month, stage_id, channel_id, bucket, leads, enrolled_amount)
    VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0), COALESCE(NEW.close_bucket, 255), 1, NEW.enrolled_amount)
    ON DUPLICATE KEY UPDATE leads = leads + 1, enrolled_amount = enrolled_amount + NEW.enrolled_amount;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_close_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    UPDATE close_month_facts SET leads = leads - 1, enrolled_amount = enrolled_amount - OLD.enrolled_amount WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND channel_id = COALESCE(OLD.channel_id, 0) AND bucket = COALESCE(OLD.close_bucket, 255);
    DELETE FROM close_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND channel_id = COALESCE(OLD.channel_id, 0) AND bucket = COALESCE(OLD.close_bucket, 255) AND leads = 0;
  END IF;
END;
