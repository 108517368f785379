-- The PostgreSQL script of this version puts V3's backfilled trend days on UTC days. SQLite computed no backfill
-- (its databases are created by these scripts, with no older reports), so there is nothing to correct; this script
-- keeps the two engines' version numbers in step.
SELECT 1;
