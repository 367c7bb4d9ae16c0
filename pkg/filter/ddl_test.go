package filter

import (
	"strings"
	"testing"
)

func TestClassifyDDL(t *testing.T) {
	tests := []struct {
		query string
		want  EventType
	}{
		{"CREATE DATABASE d", CreateDatabase},
		{"CREATE SCHEMA d", CreateDatabase},
		{"DROP DATABASE d", DropDatabase},
		{"ALTER DATABASE d CHARACTER SET utf8mb4", ModifySchemaCharsetAndCollate},
		{"CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10) DEFAULT 'x')", CreateTable},
		{"DROP TABLE t", DropTable},
		{"DROP VIEW v", DropView},
		{"TRUNCATE TABLE t", TruncateTable},
		{"RENAME TABLE a TO b", RenameTable},
		{"CREATE VIEW v AS SELECT 1", CreateView},
		{"CREATE INDEX i ON t (a)", CreateIndex},
		{"CREATE UNIQUE INDEX i ON t (a)", CreateIndex},
		{"DROP INDEX i ON t", DropIndex},
		{"ALTER TABLE t ADD COLUMN c INT", AddColumn},
		{"ALTER TABLE t ADD COLUMN (c INT, d INT)", AddColumn},
		{"ALTER TABLE t DROP COLUMN c", DropColumn},
		{"ALTER TABLE t MODIFY COLUMN c BIGINT", ModifyColumn},
		{"ALTER TABLE t CHANGE c d BIGINT", ModifyColumn},
		{"ALTER TABLE t RENAME COLUMN c TO d", ModifyColumn},
		{"ALTER TABLE t ALTER COLUMN c SET DEFAULT 1", SetDefaultValue},
		{"ALTER TABLE t ADD PRIMARY KEY (id)", AddPrimaryKey},
		{"ALTER TABLE t DROP PRIMARY KEY", DropPrimaryKey},
		{"ALTER TABLE t ADD INDEX i (a)", CreateIndex},
		{"ALTER TABLE t ADD UNIQUE KEY u (a)", CreateIndex},
		{"ALTER TABLE t DROP INDEX i", DropIndex},
		{"ALTER TABLE t RENAME INDEX i TO j", RenameIndex},
		{"ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id)", AddForeignKey},
		{"ALTER TABLE t DROP FOREIGN KEY fk", DropForeignKey},
		{"ALTER TABLE t RENAME TO u", RenameTable},
		{"ALTER TABLE t COMMENT 'x'", ModifyTableComment},
		{"ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", ModifyTableCharsetAndCollate},
		{"ALTER TABLE t AUTO_INCREMENT = 100", RebaseAutoID},
		{"ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d", MultiSchemaChange},
		{"ALTER TABLE t ADD COLUMN c INT, ALGORITHM=INPLACE", AddColumn},
		{"ALTER TABLE t TRUNCATE PARTITION p0", TruncateTablePartition},
		{"ALTER TABLE t DROP PARTITION p0", DropTablePartition},
		{"ALTER TABLE t REMOVE PARTITIONING", RemovePartitioning},
		{"ALTER TABLE t ENGINE = InnoDB", Unknown},
		{"CREATE USER u", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := ClassifyDDL(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ClassifyDDL = %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := ClassifyDDL("ALTER TABEL t"); err == nil || !strings.HasPrefix(err.Error(), "classify DDL: ") {
		t.Errorf("error = %v", err)
	}
}

func TestEventTypeHelpers(t *testing.T) {
	if !CreateIndex.IsAlterTable() || AddForeignKey.IsAlterTable() || CreateTable.IsAlterTable() {
		t.Error("IsAlterTable disagrees with TiCDC's list")
	}
	if !CreateDatabase.IsSchemaDDL() || CreateTable.IsSchemaDDL() {
		t.Error("IsSchemaDDL")
	}
	if got, ok := parseEventType("create schema"); !ok || got != CreateDatabase {
		t.Errorf("create schema alias = %q", got)
	}
	if _, ok := parseEventType("Insert"); ok {
		t.Error(`"Insert" accepted; TiCDC only accepts lower case`)
	}
	if len(SupportedEventTypes()) != 8+len(DDLTypes()) {
		t.Error("SupportedEventTypes length")
	}
}
