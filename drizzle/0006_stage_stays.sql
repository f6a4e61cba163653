-- stage_stays and stay_month_facts (server/db/schema/summaries.ts): every completed stay of a lead in a stage with
-- the lead's cohort keys, and the live ones counted per lead month, stage, assignee and length class, for the
-- funnel's median time per stage. See docs/reports.md#stage-stays.
CREATE TABLE `stage_stays` (
	`history_id` bigint unsigned NOT NULL,
	`lead_id` bigint unsigned NOT NULL,
	`stage_id` bigint unsigned NOT NULL,
	`ms` bigint unsigned NOT NULL,
	`bucket` tinyint unsigned NOT NULL,
	`lead_created_at` datetime(3) NOT NULL,
	`lead_deleted_at` datetime(3),
	`channel_id` bigint unsigned,
	`assigned_to` bigint unsigned,
	`program_id` bigint unsigned,
	CONSTRAINT `stage_stays_history_id` PRIMARY KEY(`history_id`),
	CONSTRAINT `stage_stays_history_id_fk` FOREIGN KEY (`history_id`) REFERENCES `lead_stage_history`(`id`) ON DELETE cascade,
	CONSTRAINT `stage_stays_lead_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE cascade,
	INDEX `stage_stays_cohort_idx` (`stage_id`,`lead_deleted_at`,`lead_created_at`,`channel_id`,`assigned_to`,`program_id`,`ms`),
	INDEX `stage_stays_bucket_idx` (`stage_id`,`bucket`,`lead_deleted_at`,`lead_created_at`,`assigned_to`,`ms`),
	INDEX `stage_stays_lead_idx` (`lead_id`)
);
--> statement-breakpoint
CREATE TABLE `stay_month_facts` (
	`month` char(7) NOT NULL,
	`stage_id` bigint unsigned NOT NULL,
	`assigned_to` bigint unsigned NOT NULL,
	`bucket` tinyint unsigned NOT NULL,
	`stays` int unsigned NOT NULL,
	CONSTRAINT `stay_month_facts_pk` PRIMARY KEY(`month`,`stage_id`,`assigned_to`,`bucket`)
);
--> statement-breakpoint
-- A database that already holds history: its stays and their counts, before any trigger exists.
INSERT INTO stage_stays (history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id)
SELECT s.id, s.lead_id, s.to_stage_id, s.ms, FLOOR(LOG2(s.ms + 1) * 4), l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id
FROM (
  SELECT id, lead_id, to_stage_id,
    TIMESTAMPDIFF(MICROSECOND, changed_at, LEAD(changed_at) OVER (PARTITION BY lead_id ORDER BY changed_at, id)) DIV 1000 AS ms
  FROM lead_stage_history
) s
INNER JOIN leads l ON l.id = s.lead_id
WHERE s.ms IS NOT NULL;
--> statement-breakpoint
INSERT INTO stay_month_facts (month, stage_id, assigned_to, bucket, stays)
SELECT DATE_FORMAT(lead_created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(assigned_to, 0), bucket, COUNT(*)
FROM stage_stays WHERE lead_deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- A history row written: the stay of the row before it (in changed_at, id order) now ends here; a row written
-- between two (dated back) has its own stay, up to the next.
CREATE TRIGGER `lsh_stays_insert` AFTER INSERT ON `lead_stage_history` FOR EACH ROW
BEGIN
  DECLARE prev_id BIGINT UNSIGNED;
  DECLARE next_at DATETIME(3);
  DECLARE len BIGINT UNSIGNED;
  IF @crm_bulk_load IS NULL THEN
    SET prev_id = (SELECT h.id FROM lead_stage_history h
      WHERE h.lead_id = NEW.lead_id AND (h.changed_at < NEW.changed_at OR (h.changed_at = NEW.changed_at AND h.id < NEW.id))
      ORDER BY h.changed_at DESC, h.id DESC LIMIT 1);
    SET next_at = (SELECT h.changed_at FROM lead_stage_history h
      WHERE h.lead_id = NEW.lead_id AND (h.changed_at > NEW.changed_at OR (h.changed_at = NEW.changed_at AND h.id > NEW.id))
      ORDER BY h.changed_at, h.id LIMIT 1);
    IF prev_id IS NOT NULL THEN
      SET len = (SELECT TIMESTAMPDIFF(MICROSECOND, h.changed_at, NEW.changed_at) DIV 1000 FROM lead_stage_history h WHERE h.id = prev_id);
      INSERT INTO stage_stays (history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id)
      SELECT prev_id, l.id, h.to_stage_id, len, FLOOR(LOG2(len + 1) * 4), l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id
      FROM lead_stage_history h INNER JOIN leads l ON l.id = h.lead_id WHERE h.id = prev_id
      ON DUPLICATE KEY UPDATE ms = VALUES(ms), bucket = VALUES(bucket);
    END IF;
    IF next_at IS NOT NULL THEN
      SET len = TIMESTAMPDIFF(MICROSECOND, NEW.changed_at, next_at) DIV 1000;
      INSERT INTO stage_stays (history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id)
      SELECT NEW.id, l.id, NEW.to_stage_id, len, FLOOR(LOG2(len + 1) * 4), l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id
      FROM leads l WHERE l.id = NEW.lead_id;
    END IF;
  END IF;
END;
--> statement-breakpoint
-- The lead's cohort keys follow it.
CREATE TRIGGER `leads_stays_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.created_at <=> NEW.created_at AND OLD.deleted_at <=> NEW.deleted_at
      AND OLD.channel_id <=> NEW.channel_id AND OLD.assigned_to <=> NEW.assigned_to AND OLD.program_id <=> NEW.program_id) THEN
    UPDATE stage_stays SET lead_created_at = NEW.created_at, lead_deleted_at = NEW.deleted_at, channel_id = NEW.channel_id,
      assigned_to = NEW.assigned_to, program_id = NEW.program_id
    WHERE lead_id = NEW.id;
  END IF;
END;
--> statement-breakpoint
-- A lead deleted: its stays leave through their own trigger (a foreign key's cascade fires none).
CREATE TRIGGER `leads_stays_delete` BEFORE DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL THEN
    DELETE FROM stage_stays WHERE lead_id = OLD.id;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `stays_facts_insert` AFTER INSERT ON `stage_stays` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.lead_deleted_at IS NULL THEN
    INSERT INTO stay_month_facts (month, stage_id, assigned_to, bucket, stays)
    VALUES (DATE_FORMAT(NEW.lead_created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.assigned_to, 0), NEW.bucket, 1)
    ON DUPLICATE KEY UPDATE stays = stays + 1;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `stays_facts_update` AFTER UPDATE ON `stage_stays` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.lead_created_at <=> NEW.lead_created_at AND OLD.lead_deleted_at <=> NEW.lead_deleted_at
      AND OLD.stage_id <=> NEW.stage_id AND OLD.assigned_to <=> NEW.assigned_to AND OLD.bucket <=> NEW.bucket) THEN
    IF OLD.lead_deleted_at IS NULL THEN
    UPDATE stay_month_facts SET stays = stays - 1
    WHERE month = DATE_FORMAT(OLD.lead_created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND bucket = OLD.bucket;
    DELETE FROM stay_month_facts
    WHERE month = DATE_FORMAT(OLD.lead_created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND bucket = OLD.bucket AND stays = 0;
    END IF;
    IF NEW.lead_deleted_at IS NULL THEN
    INSERT INTO stay_month_facts (month, stage_id, assigned_to, bucket, stays)
    VALUES (DATE_FORMAT(NEW.lead_created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.assigned_to, 0), NEW.bucket, 1)
    ON DUPLICATE KEY UPDATE stays = stays + 1;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `stays_facts_delete` AFTER DELETE ON `stage_stays` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.lead_deleted_at IS NULL THEN
    UPDATE stay_month_facts SET stays = stays - 1
    WHERE month = DATE_FORMAT(OLD.lead_created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND bucket = OLD.bucket;
    DELETE FROM stay_month_facts
    WHERE month = DATE_FORMAT(OLD.lead_created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND bucket = OLD.bucket AND stays = 0;
  END IF;
END;
