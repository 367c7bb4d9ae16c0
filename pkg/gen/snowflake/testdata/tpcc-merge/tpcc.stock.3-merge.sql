-- Applies the changes of tpcc.stock (topic tidb_tpcc_stock) landed in
-- CDC_DB.LANDING.TIDB_TPCC_STOCK to CDC_DB.REPLICA.STOCK, reading stream CDC_DB.LANDING.TIDB_TPCC_STOCK_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.STOCK SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.STOCK AS t
USING (
    SELECT
        RECORD_METADATA:key:s_i_id::NUMBER(38,0) AS S_I_ID,
        RECORD_METADATA:key:s_w_id::NUMBER(38,0) AS S_W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_STOCK_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:s_i_id IS NOT NULL
        AND RECORD_METADATA:key:s_w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY S_I_ID, S_W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.S_I_ID = s.S_I_ID AND t.S_W_ID = s.S_W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    S_QUANTITY = s._CDC_CONTENT:s_quantity::NUMBER(38,0),
    S_DIST_01 = s._CDC_CONTENT:s_dist_01::STRING,
    S_DIST_02 = s._CDC_CONTENT:s_dist_02::STRING,
    S_DIST_03 = s._CDC_CONTENT:s_dist_03::STRING,
    S_DIST_04 = s._CDC_CONTENT:s_dist_04::STRING,
    S_DIST_05 = s._CDC_CONTENT:s_dist_05::STRING,
    S_DIST_06 = s._CDC_CONTENT:s_dist_06::STRING,
    S_DIST_07 = s._CDC_CONTENT:s_dist_07::STRING,
    S_DIST_08 = s._CDC_CONTENT:s_dist_08::STRING,
    S_DIST_09 = s._CDC_CONTENT:s_dist_09::STRING,
    S_DIST_10 = s._CDC_CONTENT:s_dist_10::STRING,
    S_YTD = s._CDC_CONTENT:s_ytd::NUMBER(38,0),
    S_ORDER_CNT = s._CDC_CONTENT:s_order_cnt::NUMBER(38,0),
    S_REMOTE_CNT = s._CDC_CONTENT:s_remote_cnt::NUMBER(38,0),
    S_DATA = s._CDC_CONTENT:s_data::STRING,
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    S_I_ID,
    S_W_ID,
    S_QUANTITY,
    S_DIST_01,
    S_DIST_02,
    S_DIST_03,
    S_DIST_04,
    S_DIST_05,
    S_DIST_06,
    S_DIST_07,
    S_DIST_08,
    S_DIST_09,
    S_DIST_10,
    S_YTD,
    S_ORDER_CNT,
    S_REMOTE_CNT,
    S_DATA,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.S_I_ID,
    s.S_W_ID,
    s._CDC_CONTENT:s_quantity::NUMBER(38,0),
    s._CDC_CONTENT:s_dist_01::STRING,
    s._CDC_CONTENT:s_dist_02::STRING,
    s._CDC_CONTENT:s_dist_03::STRING,
    s._CDC_CONTENT:s_dist_04::STRING,
    s._CDC_CONTENT:s_dist_05::STRING,
    s._CDC_CONTENT:s_dist_06::STRING,
    s._CDC_CONTENT:s_dist_07::STRING,
    s._CDC_CONTENT:s_dist_08::STRING,
    s._CDC_CONTENT:s_dist_09::STRING,
    s._CDC_CONTENT:s_dist_10::STRING,
    s._CDC_CONTENT:s_ytd::NUMBER(38,0),
    s._CDC_CONTENT:s_order_cnt::NUMBER(38,0),
    s._CDC_CONTENT:s_remote_cnt::NUMBER(38,0),
    s._CDC_CONTENT:s_data::STRING,
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
