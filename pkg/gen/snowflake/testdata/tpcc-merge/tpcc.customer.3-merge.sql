-- Applies the changes of tpcc.customer (topic tidb_tpcc_customer) landed in
-- CDC_DB.LANDING.TIDB_TPCC_CUSTOMER to CDC_DB.REPLICA.CUSTOMER, reading stream CDC_DB.LANDING.TIDB_TPCC_CUSTOMER_STREAM
-- (the MERGE consumes it when it commits).
-- Per key only the change with the highest Kafka offset counts; a tombstone
-- (RECORD_CONTENT {} from connector v3, NULL from v4) deletes the row; a change
-- at or below the offset applied last (a replay) is ignored. The offset
-- guard assumes each key stays on one partition of one topic: after
-- recreating or repartitioning the topic, run
-- UPDATE CDC_DB.REPLICA.CUSTOMER SET _KAFKA_OFFSET = NULL.
MERGE INTO CDC_DB.REPLICA.CUSTOMER AS t
USING (
    SELECT
        RECORD_METADATA:key:c_id::NUMBER(38,0) AS C_ID,
        RECORD_METADATA:key:c_d_id::NUMBER(38,0) AS C_D_ID,
        RECORD_METADATA:key:c_w_id::NUMBER(38,0) AS C_W_ID,
        RECORD_CONTENT AS _CDC_CONTENT,
        (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE,
        RECORD_METADATA:partition::NUMBER AS _CDC_PARTITION,
        RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET
    FROM CDC_DB.LANDING.TIDB_TPCC_CUSTOMER_STREAM
    WHERE METADATA$ACTION = 'INSERT'
        AND RECORD_METADATA:key:c_id IS NOT NULL
        AND RECORD_METADATA:key:c_d_id IS NOT NULL
        AND RECORD_METADATA:key:c_w_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY C_ID, C_D_ID, C_W_ID ORDER BY _CDC_OFFSET DESC) = 1
) AS s
ON t.C_ID = s.C_ID AND t.C_D_ID = s.C_D_ID AND t.C_W_ID = s.C_W_ID
WHEN MATCHED AND s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN DELETE
WHEN MATCHED AND NOT s._CDC_IS_DELETE AND s._CDC_OFFSET > COALESCE(t._KAFKA_OFFSET, -1) THEN UPDATE SET
    C_FIRST = s._CDC_CONTENT:c_first::STRING,
    C_MIDDLE = s._CDC_CONTENT:c_middle::STRING,
    C_LAST = s._CDC_CONTENT:c_last::STRING,
    C_STREET_1 = s._CDC_CONTENT:c_street_1::STRING,
    C_STREET_2 = s._CDC_CONTENT:c_street_2::STRING,
    C_CITY = s._CDC_CONTENT:c_city::STRING,
    C_STATE = s._CDC_CONTENT:c_state::STRING,
    C_ZIP = s._CDC_CONTENT:c_zip::STRING,
    C_PHONE = s._CDC_CONTENT:c_phone::STRING,
    C_SINCE = TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:c_since::STRING, 'AUTO'),
    C_CREDIT = s._CDC_CONTENT:c_credit::STRING,
    C_CREDIT_LIM = s._CDC_CONTENT:c_credit_lim::NUMBER(12,2),
    C_DISCOUNT = s._CDC_CONTENT:c_discount::NUMBER(4,4),
    C_BALANCE = s._CDC_CONTENT:c_balance::NUMBER(12,2),
    C_YTD_PAYMENT = s._CDC_CONTENT:c_ytd_payment::NUMBER(12,2),
    C_PAYMENT_CNT = s._CDC_CONTENT:c_payment_cnt::NUMBER(38,0),
    C_DELIVERY_CNT = s._CDC_CONTENT:c_delivery_cnt::NUMBER(38,0),
    C_DATA = s._CDC_CONTENT:c_data::STRING,
    _KAFKA_PARTITION = s._CDC_PARTITION,
    _KAFKA_OFFSET = s._CDC_OFFSET
WHEN NOT MATCHED AND NOT s._CDC_IS_DELETE THEN INSERT (
    C_ID,
    C_D_ID,
    C_W_ID,
    C_FIRST,
    C_MIDDLE,
    C_LAST,
    C_STREET_1,
    C_STREET_2,
    C_CITY,
    C_STATE,
    C_ZIP,
    C_PHONE,
    C_SINCE,
    C_CREDIT,
    C_CREDIT_LIM,
    C_DISCOUNT,
    C_BALANCE,
    C_YTD_PAYMENT,
    C_PAYMENT_CNT,
    C_DELIVERY_CNT,
    C_DATA,
    _KAFKA_PARTITION,
    _KAFKA_OFFSET
) VALUES (
    s.C_ID,
    s.C_D_ID,
    s.C_W_ID,
    s._CDC_CONTENT:c_first::STRING,
    s._CDC_CONTENT:c_middle::STRING,
    s._CDC_CONTENT:c_last::STRING,
    s._CDC_CONTENT:c_street_1::STRING,
    s._CDC_CONTENT:c_street_2::STRING,
    s._CDC_CONTENT:c_city::STRING,
    s._CDC_CONTENT:c_state::STRING,
    s._CDC_CONTENT:c_zip::STRING,
    s._CDC_CONTENT:c_phone::STRING,
    TRY_TO_TIMESTAMP_NTZ(s._CDC_CONTENT:c_since::STRING, 'AUTO'),
    s._CDC_CONTENT:c_credit::STRING,
    s._CDC_CONTENT:c_credit_lim::NUMBER(12,2),
    s._CDC_CONTENT:c_discount::NUMBER(4,4),
    s._CDC_CONTENT:c_balance::NUMBER(12,2),
    s._CDC_CONTENT:c_ytd_payment::NUMBER(12,2),
    s._CDC_CONTENT:c_payment_cnt::NUMBER(38,0),
    s._CDC_CONTENT:c_delivery_cnt::NUMBER(38,0),
    s._CDC_CONTENT:c_data::STRING,
    s._CDC_PARTITION,
    s._CDC_OFFSET
);
