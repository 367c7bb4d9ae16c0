-- Applies the changes of tpcc.orders (topic tidb_tpcc_orders) landed in
-- CDC_DB.LANDING.TIDB_TPCC_ORDERS to CDC_DB.REPLICA.ORDERS, reading stream CDC_DB.LANDING.TIDB_TPCC_ORDERS_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.ORDERS SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.ORDERS AS t
USING (
    SELECT
        RECORD_METADATA:key:o_id::NUMBER(38,0) AS O_ID,
        RECORD_METADATA:key:o_d_id::NUMBER(38,0) AS O_D_ID,
        RECORD_METADATA:key:o_w_id::NUMBER(38,0) AS O_W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_ORDERS_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:o_id IS NOT NULL
        AND RECORD_METADATA:key:o_d_id IS NOT NULL
        AND RECORD_METADATA:key:o_w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY O_ID, O_D_ID, O_W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.O_ID = s.O_ID AND t.O_D_ID = s.O_D_ID AND t.O_W_ID = s.O_W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    O_C_ID = s._CDC_CONTENT:o_c_id::NUMBER(38,0),
    O_ENTRY_D = TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:o_entry_d::STRING, 'AUTO'),
    O_CARRIER_ID = s._CDC_CONTENT:o_carrier_id::NUMBER(38,0),
    O_OL_CNT = s._CDC_CONTENT:o_ol_cnt::NUMBER(38,0),
    O_ALL_LOCAL = s._CDC_CONTENT:o_all_local::NUMBER(38,0),
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    O_ID,
    O_D_ID,
    O_W_ID,
    O_C_ID,
    O_ENTRY_D,
    O_CARRIER_ID,
    O_OL_CNT,
    O_ALL_LOCAL,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.O_ID,
    s.O_D_ID,
    s.O_W_ID,
    s._CDC_CONTENT:o_c_id::NUMBER(38,0),
    TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:o_entry_d::STRING, 'AUTO'),
    s._CDC_CONTENT:o_carrier_id::NUMBER(38,0),
    s._CDC_CONTENT:o_ol_cnt::NUMBER(38,0),
    s._CDC_CONTENT:o_all_local::NUMBER(38,0),
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
