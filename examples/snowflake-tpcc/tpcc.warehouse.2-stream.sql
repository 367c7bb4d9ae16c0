-- Changes of tpcc.warehouse landed by the Snowflake connector from topic
-- tidb_tpcc_warehouse. APPEND_ONLY: the landing table only ever receives inserts,
-- and deleting merged rows from it must not show up as changes.
-- SHOW_INITIAL_ROWS: rows landed before the stream existed are merged too.
-- The landing table must exist (the connector creates it with its first
-- record).
CREATE STREAM IF NOT EXISTS CDC_DB.LANDING.TIDB_TPCC_WAREHOUSE_STREAM
    ON TABLE CDC_DB.LANDING.TIDB_TPCC_WAREHOUSE
    APPEND_ONLY = TRUE
    SHOW_INITIAL_ROWS = TRUE
    COMMENT = 'cdcctl: changes of tpcc.warehouse for CDC_DB.REPLICA.WAREHOUSE';
