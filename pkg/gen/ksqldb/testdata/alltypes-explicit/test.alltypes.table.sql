-- Current state of test.alltypes from topic tidb_test_alltypes, keyed by TiCDC's record key:
-- a later change of a key replaces its row and a tombstone deletes it.
-- The Avro key record is one column ROWKEY STRUCT<ID BIGINT>;
-- pull queries: SELECT * FROM ALLTYPES WHERE ROWKEY = STRUCT(ID := ...);
-- Note: C_BIGINT_U is BIGINT UNSIGNED sent as a signed long: values above 9223372036854775807 read negative (use avro-bigint-unsigned-handling-mode=string).
SET 'auto.offset.reset' = 'earliest';
CREATE SOURCE TABLE IF NOT EXISTS ALLTYPES (
    ROWKEY STRUCT<ID BIGINT> PRIMARY KEY,
    ID BIGINT,
    C_BOOL INT,
    C_TINYINT INT,
    C_TINYINT_U INT,
    C_SMALLINT INT,
    C_SMALLINT_U INT,
    C_MEDIUMINT INT,
    C_MEDIUMINT_U INT,
    C_INT INT,
    C_INT_U BIGINT,
    C_BIGINT BIGINT,
    C_BIGINT_U BIGINT,
    C_FLOAT DOUBLE,
    C_DOUBLE DOUBLE,
    C_DECIMAL DECIMAL(10, 2),
    C_DECIMAL_DEFAULT DECIMAL(10, 0),
    C_DECIMAL_WIDE DECIMAL(65, 30),
    C_BIT1 BYTES,
    C_BIT BYTES,
    C_YEAR INT,
    C_DATE STRING,
    C_DATETIME STRING,
    C_DATETIME6 STRING,
    C_TIMESTAMP STRING,
    C_TIME STRING,
    C_TIME6 STRING,
    C_CHAR STRING,
    C_VARCHAR STRING,
    C_TINYTEXT STRING,
    C_TEXT STRING,
    C_MEDIUMTEXT STRING,
    C_LONGTEXT STRING,
    C_BINARY BYTES,
    C_VARBINARY BYTES,
    C_TINYBLOB BYTES,
    C_BLOB BYTES,
    C_MEDIUMBLOB BYTES,
    C_LONGBLOB BYTES,
    C_ENUM STRING,
    C_SET STRING,
    C_JSON STRING,
    C_VECTOR STRING,
    MIXED_CASE STRING,
    `ORDER` INT,
    _1ST INT,
    C_STORED INT
) WITH (
    KAFKA_TOPIC = 'tidb_test_alltypes',
    KEY_FORMAT = 'AVRO',
    VALUE_FORMAT = 'AVRO'
);
