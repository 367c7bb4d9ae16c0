-- Retention of landing table CDC_DB.LANDING.TIDB_TPCC_CUSTOMER. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_CUSTOMER, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.CUSTOMER has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_CUSTOMER SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_CUSTOMER
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of tpcc.customer from CDC_DB.LANDING.TIDB_TPCC_CUSTOMER'
    AFTER CDC_DB.REPLICA.MERGE_CUSTOMER
AS
DELETE FROM CDC_DB.LANDING.TIDB_TPCC_CUSTOMER AS l
USING (
    SELECT
        h.C_ID,
        h.C_D_ID,
        h.C_W_ID,
        CASE
            WHEN r.C_ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:c_id::NUMBER(38,0) AS C_ID,
            RECORD_METADATA:key:c_d_id::NUMBER(38,0) AS C_D_ID,
            RECORD_METADATA:key:c_w_id::NUMBER(38,0) AS C_W_ID,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TPCC_CUSTOMER
        WHERE RECORD_METADATA:key:c_id IS NOT NULL
            AND RECORD_METADATA:key:c_d_id IS NOT NULL
            AND RECORD_METADATA:key:c_w_id IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY C_ID, C_D_ID, C_W_ID ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.CUSTOMER AS r ON r.C_ID = h.C_ID AND r.C_D_ID = h.C_D_ID AND r.C_W_ID = h.C_W_ID
) AS p
WHERE l.RECORD_METADATA:key:c_id::NUMBER(38,0) = p.C_ID
    AND l.RECORD_METADATA:key:c_d_id::NUMBER(38,0) = p.C_D_ID
    AND l.RECORD_METADATA:key:c_w_id::NUMBER(38,0) = p.C_W_ID
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_CUSTOMER RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_CUSTOMER RESUME;
