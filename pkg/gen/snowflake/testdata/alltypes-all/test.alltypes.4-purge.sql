-- Retention of landing table CDC_DB.LANDING.TIDB_TEST_ALLTYPES. Runs after each merge
-- (AFTER CDC_DB.REPLICA.MERGE_ALLTYPES, so never at the same time as a merge) and
-- deletes only changes that can no longer matter: those at or below the
-- offset CDC_DB.REPLICA.ALLTYPES has applied for their key, and all changes of a key
-- that is absent from the replica and whose latest change is a delete.
-- It never truncates: rows the merge has not seen stay.
ALTER TASK IF EXISTS CDC_DB.REPLICA.MERGE_ALLTYPES SUSPEND;

CREATE OR REPLACE TASK CDC_DB.REPLICA.PURGE_ALLTYPES
    WAREHOUSE = CDC_WH
    COMMENT = 'cdcctl: purge merged changes of test.alltypes from CDC_DB.LANDING.TIDB_TEST_ALLTYPES'
    AFTER CDC_DB.REPLICA.MERGE_ALLTYPES
AS
DELETE FROM CDC_DB.LANDING.TIDB_TEST_ALLTYPES AS l
USING (
    SELECT
        h.ID,
        CASE
            WHEN r.ID IS NOT NULL THEN COALESCE(r._KAFKA_OFFSET, -1)
            WHEN h._CDC_IS_DELETE THEN h._CDC_OFFSET
            ELSE -1
        END AS _CDC_PURGE_TO
    FROM (
        SELECT
            RECORD_METADATA:key:id::NUMBER(38,0) AS ID,
            RECORD_METADATA:offset::NUMBER AS _CDC_OFFSET,
            (RECORD_CONTENT IS NULL OR TO_JSON(RECORD_CONTENT) = '{}') AS _CDC_IS_DELETE
        FROM CDC_DB.LANDING.TIDB_TEST_ALLTYPES
        WHERE RECORD_METADATA:key:id IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY ID ORDER BY _CDC_OFFSET DESC) = 1
    ) AS h
    LEFT JOIN CDC_DB.REPLICA.ALLTYPES AS r ON r.ID = h.ID
) AS p
WHERE l.RECORD_METADATA:key:id::NUMBER(38,0) = p.ID
    AND l.RECORD_METADATA:offset::NUMBER <= p._CDC_PURGE_TO;

ALTER TASK CDC_DB.REPLICA.PURGE_ALLTYPES RESUME;
ALTER TASK CDC_DB.REPLICA.MERGE_ALLTYPES RESUME;
