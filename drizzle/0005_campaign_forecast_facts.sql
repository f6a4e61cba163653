-- Two more summaries kept by triggers, the way lead_month_facts is (drizzle/0002_lead_month_facts_triggers.sql):
-- exact after every write whoever makes it, set aside under @crm_bulk_load (the demo generator rebuilds them at the
-- end: server/db/campaign-facts.ts, server/db/forecast-facts.ts). See docs/reports.md#lead-month-facts.
--
-- campaign_month_facts: the ads report. Per channel (0 for none), Jakarta month (YYYYMM) and campaign (the trimmed
-- utm_campaign as written, '' for none; binary, so each spelling is a row of its own and the report folds them
-- lower-cased when it reads): the live leads created in that month, and the active enrolments enrolled in that month
-- on that channel (enrollments.channel_id) whose lead carries that campaign now (closings, Σ amount).
CREATE TABLE `campaign_month_facts` (
	`channel_id` bigint unsigned NOT NULL,
	`month` int unsigned NOT NULL,
	`campaign` varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`leads` int unsigned NOT NULL,
	`closings` int unsigned NOT NULL,
	`revenue` bigint unsigned NOT NULL,
	CONSTRAINT `campaign_month_facts_pk` PRIMARY KEY(`channel_id`,`month`,`campaign`)
);
--> statement-breakpoint
-- lead_forecast_facts: the pipeline forecast. Per stage (not per stage kind: kinds can be edited, the report picks
-- the open stages when it reads), assignee, program, channel (0 for none), expected month (YYYYMM of the expected
-- close date, else of the next follow-up's Jakarta day; 0 for neither) and whether the follow-up placed it: the live
-- leads and Σ expected_value. The weighted value is Σ expected_value × the stage's probability, taken when read.
CREATE TABLE `lead_forecast_facts` (
	`stage_id` bigint unsigned NOT NULL,
	`assigned_to` bigint unsigned NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`month` int unsigned NOT NULL,
	`by_follow_up` boolean NOT NULL,
	`leads` int unsigned NOT NULL,
	`expected_value` bigint unsigned NOT NULL,
	CONSTRAINT `lead_forecast_facts_pk` PRIMARY KEY(`stage_id`,`assigned_to`,`program_id`,`channel_id`,`month`,`by_follow_up`)
);
--> statement-breakpoint
CREATE TRIGGER `leads_campaign_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
      VALUES (COALESCE(NEW.channel_id, 0), EXTRACT(YEAR_MONTH FROM NEW.created_at + INTERVAL 7 HOUR), COALESCE(TRIM(NEW.utm_campaign), ''), 1, 0, 0)
      ON DUPLICATE KEY UPDATE leads = leads + 1;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_campaign_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  -- Binary, as the key: a change of case is a change of spelling.
  DECLARE old_campaign, new_campaign varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  IF @crm_bulk_load IS NULL THEN
    SET old_campaign = COALESCE(TRIM(OLD.utm_campaign), ''), new_campaign = COALESCE(TRIM(NEW.utm_campaign), '');
    -- The lead itself: only when its key or its trash state changed (most updates change neither).
    IF NOT ((OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL) AND old_campaign = new_campaign AND OLD.channel_id <=> NEW.channel_id
        AND EXTRACT(YEAR_MONTH FROM OLD.created_at + INTERVAL 7 HOUR) = EXTRACT(YEAR_MONTH FROM NEW.created_at + INTERVAL 7 HOUR)) THEN
      IF OLD.deleted_at IS NULL THEN
        UPDATE campaign_month_facts SET leads = leads - 1
        WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.created_at + INTERVAL 7 HOUR) AND campaign = old_campaign;
        DELETE FROM campaign_month_facts
        WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.created_at + INTERVAL 7 HOUR) AND campaign = old_campaign
          AND leads = 0 AND closings = 0;
      END IF;
      IF NEW.deleted_at IS NULL THEN
        INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
          VALUES (COALESCE(NEW.channel_id, 0), EXTRACT(YEAR_MONTH FROM NEW.created_at + INTERVAL 7 HOUR), new_campaign, 1, 0, 0)
          ON DUPLICATE KEY UPDATE leads = leads + 1;
      END IF;
    END IF;
    -- Its active enrolments (trashed lead or not) follow the campaign it carries now. Most leads have none.
    IF old_campaign <> new_campaign AND EXISTS (SELECT 1 FROM enrollments WHERE lead_id = NEW.id AND status = 'active') THEN
      UPDATE campaign_month_facts f JOIN (
          SELECT COALESCE(channel_id, 0) AS channel_id, EXTRACT(YEAR_MONTH FROM enrolled_at + INTERVAL 7 HOUR) AS month, COUNT(*) AS n, SUM(amount) AS amount
          FROM enrollments WHERE lead_id = NEW.id AND status = 'active' GROUP BY 1, 2
        ) e ON f.channel_id = e.channel_id AND f.month = e.month AND f.campaign = old_campaign
      SET f.closings = f.closings - e.n, f.revenue = f.revenue - e.amount;
      DELETE f FROM campaign_month_facts f JOIN (
          SELECT DISTINCT COALESCE(channel_id, 0) AS channel_id, EXTRACT(YEAR_MONTH FROM enrolled_at + INTERVAL 7 HOUR) AS month
          FROM enrollments WHERE lead_id = NEW.id AND status = 'active'
        ) e ON f.channel_id = e.channel_id AND f.month = e.month AND f.campaign = old_campaign
      WHERE f.leads = 0 AND f.closings = 0;
      INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
        SELECT COALESCE(channel_id, 0), EXTRACT(YEAR_MONTH FROM enrolled_at + INTERVAL 7 HOUR), new_campaign, 0, COUNT(*), SUM(amount)
        FROM enrollments WHERE lead_id = NEW.id AND status = 'active' GROUP BY 1, 2
      ON DUPLICATE KEY UPDATE closings = closings + VALUES(closings), revenue = revenue + VALUES(revenue);
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_campaign_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  DECLARE old_campaign varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  -- (A lead with enrolments cannot be deleted: enrollments.lead_id has no ON DELETE.)
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    SET old_campaign = COALESCE(TRIM(OLD.utm_campaign), '');
    UPDATE campaign_month_facts SET leads = leads - 1
    WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.created_at + INTERVAL 7 HOUR) AND campaign = old_campaign;
    DELETE FROM campaign_month_facts
    WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.created_at + INTERVAL 7 HOUR) AND campaign = old_campaign
      AND leads = 0 AND closings = 0;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_campaign_facts_insert` AFTER INSERT ON `enrollments` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.status = 'active' THEN
    INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
      SELECT COALESCE(NEW.channel_id, 0), EXTRACT(YEAR_MONTH FROM NEW.enrolled_at + INTERVAL 7 HOUR), COALESCE(TRIM(l.utm_campaign), ''), 0, 1, NEW.amount
      FROM leads l WHERE l.id = NEW.lead_id
      ON DUPLICATE KEY UPDATE closings = closings + 1, revenue = revenue + NEW.amount;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_campaign_facts_update` AFTER UPDATE ON `enrollments` FOR EACH ROW
BEGIN
  DECLARE old_campaign varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  IF @crm_bulk_load IS NULL AND NOT (OLD.status <=> NEW.status AND OLD.enrolled_at <=> NEW.enrolled_at AND OLD.channel_id <=> NEW.channel_id
      AND OLD.amount <=> NEW.amount AND OLD.lead_id <=> NEW.lead_id) THEN
    IF OLD.status = 'active' THEN
      SET old_campaign = (SELECT COALESCE(TRIM(utm_campaign), '') FROM leads WHERE id = OLD.lead_id);
      UPDATE campaign_month_facts SET closings = closings - 1, revenue = revenue - OLD.amount
      WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.enrolled_at + INTERVAL 7 HOUR) AND campaign = old_campaign;
      DELETE FROM campaign_month_facts
      WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.enrolled_at + INTERVAL 7 HOUR) AND campaign = old_campaign AND leads = 0 AND closings = 0;
    END IF;
    IF NEW.status = 'active' THEN
      INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
        SELECT COALESCE(NEW.channel_id, 0), EXTRACT(YEAR_MONTH FROM NEW.enrolled_at + INTERVAL 7 HOUR), COALESCE(TRIM(l.utm_campaign), ''), 0, 1, NEW.amount
        FROM leads l WHERE l.id = NEW.lead_id
        ON DUPLICATE KEY UPDATE closings = closings + 1, revenue = revenue + NEW.amount;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_campaign_facts_delete` AFTER DELETE ON `enrollments` FOR EACH ROW
BEGIN
  DECLARE old_campaign varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  IF @crm_bulk_load IS NULL AND OLD.status = 'active' THEN
    SET old_campaign = (SELECT COALESCE(TRIM(utm_campaign), '') FROM leads WHERE id = OLD.lead_id);
    UPDATE campaign_month_facts SET closings = closings - 1, revenue = revenue - OLD.amount
    WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.enrolled_at + INTERVAL 7 HOUR) AND campaign = old_campaign;
    DELETE FROM campaign_month_facts
    WHERE channel_id = COALESCE(OLD.channel_id, 0) AND month = EXTRACT(YEAR_MONTH FROM OLD.enrolled_at + INTERVAL 7 HOUR) AND campaign = old_campaign AND leads = 0 AND closings = 0;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_forecast_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    INSERT INTO lead_forecast_facts (stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, expected_value)
      VALUES (NEW.stage_id, COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), COALESCE(NEW.channel_id, 0),
        COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(NEW.expected_close_on, NEW.next_follow_up_at + INTERVAL 7 HOUR)), 0),
        NEW.expected_close_on IS NULL AND NEW.next_follow_up_at IS NOT NULL, 1, NEW.expected_value)
      ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_forecast_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  DECLARE old_month, new_month int unsigned;
  DECLARE old_by, new_by boolean;
  IF @crm_bulk_load IS NULL THEN
    -- The next follow-up changes all day long: the facts move only when it moves the lead to another month (or the
    -- lead has an expected close date, which wins), so compare the months, not the instants.
    SET old_month = COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(OLD.expected_close_on, OLD.next_follow_up_at + INTERVAL 7 HOUR)), 0),
      new_month = COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(NEW.expected_close_on, NEW.next_follow_up_at + INTERVAL 7 HOUR)), 0),
      old_by = OLD.expected_close_on IS NULL AND OLD.next_follow_up_at IS NOT NULL,
      new_by = NEW.expected_close_on IS NULL AND NEW.next_follow_up_at IS NOT NULL;
    IF NOT ((OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL) AND old_month = new_month AND old_by = new_by
        AND OLD.stage_id <=> NEW.stage_id AND OLD.assigned_to <=> NEW.assigned_to AND OLD.program_id <=> NEW.program_id
        AND OLD.channel_id <=> NEW.channel_id AND OLD.expected_value <=> NEW.expected_value) THEN
      IF OLD.deleted_at IS NULL THEN
        UPDATE lead_forecast_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
        WHERE stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND program_id = COALESCE(OLD.program_id, 0)
          AND channel_id = COALESCE(OLD.channel_id, 0) AND month = old_month AND by_follow_up = old_by;
        DELETE FROM lead_forecast_facts
        WHERE stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND program_id = COALESCE(OLD.program_id, 0)
          AND channel_id = COALESCE(OLD.channel_id, 0) AND month = old_month AND by_follow_up = old_by AND leads = 0;
      END IF;
      IF NEW.deleted_at IS NULL THEN
        INSERT INTO lead_forecast_facts (stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, expected_value)
          VALUES (NEW.stage_id, COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), COALESCE(NEW.channel_id, 0), new_month, new_by, 1, NEW.expected_value)
          ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
      END IF;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_forecast_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    UPDATE lead_forecast_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
    WHERE stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND program_id = COALESCE(OLD.program_id, 0)
      AND channel_id = COALESCE(OLD.channel_id, 0)
      AND month = COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(OLD.expected_close_on, OLD.next_follow_up_at + INTERVAL 7 HOUR)), 0)
      AND by_follow_up = (OLD.expected_close_on IS NULL AND OLD.next_follow_up_at IS NOT NULL);
    DELETE FROM lead_forecast_facts
    WHERE stage_id = OLD.stage_id AND assigned_to = COALESCE(OLD.assigned_to, 0) AND program_id = COALESCE(OLD.program_id, 0)
      AND channel_id = COALESCE(OLD.channel_id, 0)
      AND month = COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(OLD.expected_close_on, OLD.next_follow_up_at + INTERVAL 7 HOUR)), 0)
      AND by_follow_up = (OLD.expected_close_on IS NULL AND OLD.next_follow_up_at IS NOT NULL) AND leads = 0;
  END IF;
END;
--> statement-breakpoint
-- A database that already holds leads starts from their count (run with the app stopped, as 0002).
INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
SELECT channel_id, month, campaign, SUM(leads), SUM(closings), SUM(revenue) FROM (
  SELECT COALESCE(channel_id, 0) AS channel_id, EXTRACT(YEAR_MONTH FROM created_at + INTERVAL 7 HOUR) AS month,
    COALESCE(TRIM(utm_campaign), '') COLLATE utf8mb4_bin AS campaign, COUNT(*) AS leads, 0 AS closings, 0 AS revenue
  FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3
  UNION ALL
  SELECT COALESCE(e.channel_id, 0), EXTRACT(YEAR_MONTH FROM e.enrolled_at + INTERVAL 7 HOUR),
    COALESCE(TRIM(l.utm_campaign), '') COLLATE utf8mb4_bin, 0, COUNT(*), SUM(e.amount)
  FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE e.status = 'active' GROUP BY 1, 2, 3
) d GROUP BY channel_id, month, campaign;
--> statement-breakpoint
INSERT INTO lead_forecast_facts (stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, expected_value)
SELECT stage_id, COALESCE(assigned_to, 0), COALESCE(program_id, 0), COALESCE(channel_id, 0),
  COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(expected_close_on, next_follow_up_at + INTERVAL 7 HOUR)), 0),
  expected_close_on IS NULL AND next_follow_up_at IS NOT NULL, COUNT(*), SUM(expected_value)
FROM leads WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;
