-- text_month_facts (server/db/schema/summaries.ts): live leads per Jakarta creation month, typed school or grade (each
-- spelling as typed, '' for none), stage and, for grades only (they are few), assignee (0 for none; always 0 on school
-- rows), for the leads report's school and grade groupings without reading every lead of the period. Kept by
-- triggers on `leads`, like lead_month_facts. See docs/reports.md#leads.
CREATE TABLE `text_month_facts` (
	`month` char(7) NOT NULL,
	`field` char(6) CHARACTER SET ascii NOT NULL,
	`spelling` varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`stage_id` bigint unsigned NOT NULL,
	`assigned_to` bigint unsigned NOT NULL,
	`leads` int unsigned NOT NULL,
	CONSTRAINT `text_month_facts_pk` PRIMARY KEY(`field`,`month`,`spelling`,`stage_id`,`assigned_to`)
);
--> statement-breakpoint
INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads)
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), 'school', COALESCE(school, '') COLLATE utf8mb4_bin, stage_id, 0, COUNT(*) FROM leads WHERE deleted_at IS NULL GROUP BY 1, 3, 4
UNION ALL
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), 'grade', COALESCE(grade, '') COLLATE utf8mb4_bin, stage_id, COALESCE(assigned_to, 0), COUNT(*) FROM leads WHERE deleted_at IS NULL GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `leads_text_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads) VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), 'school', COALESCE(NEW.school, ''), NEW.stage_id, 0, 1)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
    INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads) VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), 'grade', COALESCE(NEW.grade, ''), NEW.stage_id, COALESCE(NEW.assigned_to, 0), 1)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_text_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  -- Byte for byte: the column's collation would take 'SMAN 1' and 'sman 1' for one value.
  IF @crm_bulk_load IS NULL AND NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.created_at <=> NEW.created_at AND OLD.stage_id <=> NEW.stage_id
      AND OLD.assigned_to <=> NEW.assigned_to AND BINARY OLD.school <=> BINARY NEW.school AND BINARY OLD.grade <=> BINARY NEW.grade) THEN
    IF OLD.deleted_at IS NULL THEN
    UPDATE text_month_facts SET leads = leads - 1 WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'school' AND spelling = COALESCE(OLD.school, '') AND stage_id = OLD.stage_id AND assigned_to = 0;
    DELETE FROM text_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'school' AND spelling = COALESCE(OLD.school, '') AND stage_id = OLD.stage_id AND assigned_to = 0 AND leads = 0;
    UPDATE text_month_facts SET leads = leads - 1 WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'grade' AND spelling = COALESCE(OLD.grade, '') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0);
    DELETE FROM text_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'grade' AND spelling = COALESCE(OLD.grade, '') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND leads = 0;
    END IF;
    IF NEW.deleted_at IS NULL THEN
    INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads) VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), 'school', COALESCE(NEW.school, ''), NEW.stage_id, 0, 1)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
    INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads) VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), 'grade', COALESCE(NEW.grade, ''), NEW.stage_id, COALESCE(NEW.assigned_to, 0), 1)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_text_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    UPDATE text_month_facts SET leads = leads - 1 WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'school' AND spelling = COALESCE(OLD.school, '') AND stage_id = OLD.stage_id AND assigned_to = 0;
    DELETE FROM text_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'school' AND spelling = COALESCE(OLD.school, '') AND stage_id = OLD.stage_id AND assigned_to = 0 AND leads = 0;
    UPDATE text_month_facts SET leads = leads - 1 WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'grade' AND spelling = COALESCE(OLD.grade, '') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0);
    DELETE FROM text_month_facts WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND field = 'grade' AND spelling = COALESCE(OLD.grade, '') AND stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND leads = 0;
  END IF;
END;
