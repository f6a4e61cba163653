-- The team report's kept-on-write figures (docs/reports.md#team-facts): each lead's first live activity, the live
-- leads counted per Jakarta month, assignee and whole hour of first response, and the live activities counted per
-- Jakarta month, person, type and the lead's channel and program. Kept by triggers in the statement that writes,
-- whoever writes (the services, the intake, hand SQL); a bulk load that sets @crm_bulk_load writes first_activity_at
-- itself and rebuilds the facts at the end (server/db/lead-month-facts.ts).
ALTER TABLE `leads` ADD `first_activity_at` datetime(3);
--> statement-breakpoint
-- The whole hours from a lead's creation to its first live activity (0 when that activity is dated before the lead),
-- computed, not stored: the key of lead_response_facts and of the index that finds a person's leads of one hour.
-- leads_assignee_next_idx gains program_id: the team report's overdue count with a program filter, index only.
ALTER TABLE `leads`
  ADD `first_response_hour` int AS (GREATEST(0, TIMESTAMPDIFF(SECOND, `created_at`, `first_activity_at`)) DIV 3600) VIRTUAL,
  ADD INDEX `leads_first_response_idx` (`deleted_at`,`assigned_to`,`created_at`,`channel_id`,`program_id`,`first_activity_at`),
  ADD INDEX `leads_response_hour_idx` (`deleted_at`,`assigned_to`,`first_response_hour`,`created_at`,`channel_id`,`program_id`,`first_activity_at`),
  DROP INDEX `leads_assignee_next_idx`,
  ADD INDEX `leads_assignee_next_idx` (`assigned_to`,`deleted_at`,`next_follow_up_at`,`stage_id`,`channel_id`,`program_id`);
--> statement-breakpoint
CREATE TABLE `lead_response_facts` (
	`month` char(7) NOT NULL,
	`assigned_to` bigint unsigned NOT NULL,
	`hour` int NOT NULL,
	`leads` int unsigned NOT NULL,
	CONSTRAINT `lead_response_facts_pk` PRIMARY KEY(`month`,`assigned_to`,`hour`)
);
--> statement-breakpoint
CREATE TABLE `activity_month_facts` (
	`month` char(7) NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`type` enum('call','chat','meeting','note') NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`activities` int unsigned NOT NULL,
	CONSTRAINT `activity_month_facts_pk` PRIMARY KEY(`month`,`user_id`,`type`,`channel_id`,`program_id`)
);
--> statement-breakpoint
-- A database that already holds activities: each lead's first live one, before any trigger exists.
UPDATE leads l JOIN (SELECT lead_id, MIN(occurred_at) AS first_at FROM activities WHERE deleted_at IS NULL GROUP BY lead_id) a
  ON a.lead_id = l.id
SET l.first_activity_at = a.first_at;
--> statement-breakpoint
-- leads.first_activity_at: the earliest occurred_at of the lead's live activities (NULL without one). An insert can
-- only bring it earlier; an update of the time, the trash state or the lead, and a delete, count it again from the
-- lead's activities (activities_lead_idx: lead_id, deleted_at, occurred_at, so a MIN is one index probe).
-- activity_month_facts: a live activity counts once under the Jakarta month of its occurred_at, its user (0 for
-- none), its type, and its lead's channel and program (0 for none).
CREATE TRIGGER `activities_facts_insert` AFTER INSERT ON `activities` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    UPDATE leads SET first_activity_at = NEW.occurred_at
    WHERE id = NEW.lead_id AND (first_activity_at IS NULL OR first_activity_at > NEW.occurred_at);
    INSERT INTO activity_month_facts (month, user_id, type, channel_id, program_id, activities)
    VALUES (DATE_FORMAT(NEW.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(NEW.user_id, 0), NEW.type,
      COALESCE((SELECT channel_id FROM leads WHERE id = NEW.lead_id), 0), COALESCE((SELECT program_id FROM leads WHERE id = NEW.lead_id), 0), 1)
    ON DUPLICATE KEY UPDATE activities = activities + 1;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `activities_facts_update` AFTER UPDATE ON `activities` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL THEN
    IF NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.occurred_at <=> NEW.occurred_at AND OLD.lead_id <=> NEW.lead_id) THEN
      UPDATE leads SET first_activity_at = (SELECT MIN(a.occurred_at) FROM activities a WHERE a.lead_id = leads.id AND a.deleted_at IS NULL)
      WHERE id IN (OLD.lead_id, NEW.lead_id);
    END IF;
    IF NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.occurred_at <=> NEW.occurred_at AND OLD.lead_id <=> NEW.lead_id
        AND OLD.user_id <=> NEW.user_id AND OLD.type <=> NEW.type) THEN
      IF OLD.deleted_at IS NULL THEN
        UPDATE activity_month_facts SET activities = activities - 1
        WHERE month = DATE_FORMAT(OLD.occurred_at + INTERVAL 7 HOUR, '%Y-%m') AND user_id = COALESCE(OLD.user_id, 0) AND type = OLD.type
          AND channel_id = COALESCE((SELECT channel_id FROM leads WHERE id = OLD.lead_id), 0)
          AND program_id = COALESCE((SELECT program_id FROM leads WHERE id = OLD.lead_id), 0);
        DELETE FROM activity_month_facts
        WHERE month = DATE_FORMAT(OLD.occurred_at + INTERVAL 7 HOUR, '%Y-%m') AND user_id = COALESCE(OLD.user_id, 0) AND type = OLD.type
          AND channel_id = COALESCE((SELECT channel_id FROM leads WHERE id = OLD.lead_id), 0)
          AND program_id = COALESCE((SELECT program_id FROM leads WHERE id = OLD.lead_id), 0) AND activities = 0;
      END IF;
      IF NEW.deleted_at IS NULL THEN
        INSERT INTO activity_month_facts (month, user_id, type, channel_id, program_id, activities)
        VALUES (DATE_FORMAT(NEW.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(NEW.user_id, 0), NEW.type,
          COALESCE((SELECT channel_id FROM leads WHERE id = NEW.lead_id), 0), COALESCE((SELECT program_id FROM leads WHERE id = NEW.lead_id), 0), 1)
        ON DUPLICATE KEY UPDATE activities = activities + 1;
      END IF;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `activities_facts_delete` AFTER DELETE ON `activities` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    UPDATE leads SET first_activity_at = (SELECT MIN(a.occurred_at) FROM activities a WHERE a.lead_id = leads.id AND a.deleted_at IS NULL)
    WHERE id = OLD.lead_id;
    UPDATE activity_month_facts SET activities = activities - 1
    WHERE month = DATE_FORMAT(OLD.occurred_at + INTERVAL 7 HOUR, '%Y-%m') AND user_id = COALESCE(OLD.user_id, 0) AND type = OLD.type
      AND channel_id = COALESCE((SELECT channel_id FROM leads WHERE id = OLD.lead_id), 0)
      AND program_id = COALESCE((SELECT program_id FROM leads WHERE id = OLD.lead_id), 0);
    DELETE FROM activity_month_facts
    WHERE month = DATE_FORMAT(OLD.occurred_at + INTERVAL 7 HOUR, '%Y-%m') AND user_id = COALESCE(OLD.user_id, 0) AND type = OLD.type
      AND channel_id = COALESCE((SELECT channel_id FROM leads WHERE id = OLD.lead_id), 0)
      AND program_id = COALESCE((SELECT program_id FROM leads WHERE id = OLD.lead_id), 0) AND activities = 0;
  END IF;
END;
--> statement-breakpoint
-- A lead moved to another channel or program takes its live activities' counts with it.
CREATE TRIGGER `leads_activity_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.channel_id <=> NEW.channel_id AND OLD.program_id <=> NEW.program_id) THEN
    UPDATE activity_month_facts f
    JOIN (SELECT DATE_FORMAT(occurred_at + INTERVAL 7 HOUR, '%Y-%m') AS month, COALESCE(user_id, 0) AS user_id, type, COUNT(*) AS n
      FROM activities WHERE lead_id = OLD.id AND deleted_at IS NULL GROUP BY 1, 2, 3) a
      ON f.month = a.month AND f.user_id = a.user_id AND f.type = a.type
    SET f.activities = f.activities - a.n
    WHERE f.channel_id = COALESCE(OLD.channel_id, 0) AND f.program_id = COALESCE(OLD.program_id, 0);
    DELETE f FROM activity_month_facts f
    JOIN (SELECT DISTINCT DATE_FORMAT(occurred_at + INTERVAL 7 HOUR, '%Y-%m') AS month, COALESCE(user_id, 0) AS user_id, type
      FROM activities WHERE lead_id = OLD.id AND deleted_at IS NULL) a
      ON f.month = a.month AND f.user_id = a.user_id AND f.type = a.type
    WHERE f.channel_id = COALESCE(OLD.channel_id, 0) AND f.program_id = COALESCE(OLD.program_id, 0) AND f.activities = 0;
    INSERT INTO activity_month_facts (month, user_id, type, channel_id, program_id, activities)
    SELECT DATE_FORMAT(occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(user_id, 0), type, COALESCE(NEW.channel_id, 0), COALESCE(NEW.program_id, 0), COUNT(*)
    FROM activities WHERE lead_id = NEW.id AND deleted_at IS NULL
    GROUP BY 1, 2, 3
    ON DUPLICATE KEY UPDATE activities = activities + VALUES(activities);
  END IF;
END;
--> statement-breakpoint
-- lead_response_facts: a live lead with a first activity counts once under the Jakarta month of its creation, its
-- assignee (0 for none) and its first_response_hour, moved when any of those or its trash state changes (an
-- activity's triggers above set first_activity_at through an UPDATE of the lead, which lands here).
CREATE TRIGGER `leads_response_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL AND NEW.first_activity_at IS NOT NULL THEN
    INSERT INTO lead_response_facts (month, assigned_to, hour, leads)
    VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(NEW.assigned_to, 0),
      GREATEST(0, TIMESTAMPDIFF(SECOND, NEW.created_at, NEW.first_activity_at)) DIV 3600, 1)
    ON DUPLICATE KEY UPDATE leads = leads + 1;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_response_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.created_at <=> NEW.created_at
      AND OLD.assigned_to <=> NEW.assigned_to AND OLD.first_activity_at <=> NEW.first_activity_at) THEN
    IF OLD.deleted_at IS NULL AND OLD.first_activity_at IS NOT NULL THEN
      UPDATE lead_response_facts SET leads = leads - 1
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND hour = GREATEST(0, TIMESTAMPDIFF(SECOND, OLD.created_at, OLD.first_activity_at)) DIV 3600;
      DELETE FROM lead_response_facts
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND hour = GREATEST(0, TIMESTAMPDIFF(SECOND, OLD.created_at, OLD.first_activity_at)) DIV 3600 AND leads = 0;
    END IF;
    IF NEW.deleted_at IS NULL AND NEW.first_activity_at IS NOT NULL THEN
      INSERT INTO lead_response_facts (month, assigned_to, hour, leads)
      VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(NEW.assigned_to, 0),
        GREATEST(0, TIMESTAMPDIFF(SECOND, NEW.created_at, NEW.first_activity_at)) DIV 3600, 1)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_response_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL AND OLD.first_activity_at IS NOT NULL THEN
    UPDATE lead_response_facts SET leads = leads - 1
    WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND assigned_to = COALESCE(OLD.assigned_to, 0)
      AND hour = GREATEST(0, TIMESTAMPDIFF(SECOND, OLD.created_at, OLD.first_activity_at)) DIV 3600;
    DELETE FROM lead_response_facts
    WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND assigned_to = COALESCE(OLD.assigned_to, 0)
      AND hour = GREATEST(0, TIMESTAMPDIFF(SECOND, OLD.created_at, OLD.first_activity_at)) DIV 3600 AND leads = 0;
  END IF;
END;
--> statement-breakpoint
-- A database that already holds leads and activities starts from their count.
DELETE FROM lead_response_facts;
--> statement-breakpoint
INSERT INTO lead_response_facts (month, assigned_to, hour, leads)
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(assigned_to, 0), first_response_hour, COUNT(*)
FROM leads WHERE deleted_at IS NULL AND first_activity_at IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
DELETE FROM activity_month_facts;
--> statement-breakpoint
INSERT INTO activity_month_facts (month, user_id, type, channel_id, program_id, activities)
SELECT DATE_FORMAT(a.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(a.user_id, 0), a.type,
  COALESCE(l.channel_id, 0), COALESCE(l.program_id, 0), COUNT(*)
FROM activities a LEFT JOIN leads l ON l.id = a.lead_id
WHERE a.deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
