-- Applies the changes of tpcc.order_line (topic tidb_tpcc_order_line) landed in
-- CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE to CDC_DB.REPLICA.ORDER_LINE, reading stream CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.ORDER_LINE SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.ORDER_LINE AS t
USING (
    SELECT
        RECORD_METADATA:key:ol_o_id::NUMBER(38,0) AS OL_O_ID,
        RECORD_METADATA:key:ol_d_id::NUMBER(38,0) AS OL_D_ID,
        RECORD_METADATA:key:ol_w_id::NUMBER(38,0) AS OL_W_ID,
        RECORD_METADATA:key:ol_number::NUMBER(38,0) AS OL_NUMBER,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_ORDER_LINE_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:ol_o_id IS NOT NULL
        AND RECORD_METADATA:key:ol_d_id IS NOT NULL
        AND RECORD_METADATA:key:ol_w_id IS NOT NULL
        AND RECORD_METADATA:key:ol_number IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.OL_O_ID = s.OL_O_ID AND t.OL_D_ID = s.OL_D_ID AND t.OL_W_ID = s.OL_W_ID AND t.OL_NUMBER = s.OL_NUMBER
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    OL_I_ID = s._CDC_CONTENT:ol_i_id::NUMBER(38,0),
    OL_SUPPLY_W_ID = s._CDC_CONTENT:ol_supply_w_id::NUMBER(38,0),
    OL_DELIVERY_D = TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:ol_delivery_d::STRING, 'AUTO'),
    OL_QUANTITY = s._CDC_CONTENT:ol_quantity::NUMBER(38,0),
    OL_AMOUNT = s._CDC_CONTENT:ol_amount::NUMBER(6,2),
    OL_DIST_INFO = s._CDC_CONTENT:ol_dist_info::STRING,
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    OL_O_ID,
    OL_D_ID,
    OL_W_ID,
    OL_NUMBER,
    OL_I_ID,
    OL_SUPPLY_W_ID,
    OL_DELIVERY_D,
    OL_QUANTITY,
    OL_AMOUNT,
    OL_DIST_INFO,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.OL_O_ID,
    s.OL_D_ID,
    s.OL_W_ID,
    s.OL_NUMBER,
    s._CDC_CONTENT:ol_i_id::NUMBER(38,0),
    s._CDC_CONTENT:ol_supply_w_id::NUMBER(38,0),
    TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:ol_delivery_d::STRING, 'AUTO'),
    s._CDC_CONTENT:ol_quantity::NUMBER(38,0),
    s._CDC_CONTENT:ol_amount::NUMBER(6,2),
    s._CDC_CONTENT:ol_dist_info::STRING,
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
