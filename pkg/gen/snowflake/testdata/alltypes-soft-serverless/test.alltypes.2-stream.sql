-- Changes of test.alltypes landed by the Snowflake connector from topic
-- tidb_test_alltypes. APPEND_ONLY: the landing table only ever receives inserts,
-- and deleting merged rows from it must not show up as changes.
-- SHOW_INITIAL_ROWS: rows landed before the stream existed are merged too.
-- The landing table must exist (the connector creates it with its first
-- record).
CREATE STREAM IF NOT EXISTS RAW.LANDING.TIDB_TEST_ALLTYPES_STREAM
    ON TABLE RAW.LANDING.TIDB_TEST_ALLTYPES
    APPEND_ONLY = TRUE
    SHOW_INITIAL_ROWS = TRUE
    COMMENT = 'cdcctl: changes of test.alltypes for CDC_DB.REPLICA.ALLTYPES';
