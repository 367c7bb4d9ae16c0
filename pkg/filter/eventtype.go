package filter

import "strings"

// EventType names a kind of change for ignore-event, as TiCDC spells it
// (lower case, e.g. "insert", "all dml", "drop table").
type EventType string

// Event types. DDL types follow TiCDC's list of replicated DDL.
const (
	AllDML EventType = "all dml"
	AllDDL EventType = "all ddl"

	Insert EventType = "insert"
	Update EventType = "update"
	Delete EventType = "delete"

	CreateDatabase                EventType = "create database"
	DropDatabase                  EventType = "drop database"
	ModifySchemaCharsetAndCollate EventType = "modify schema charset and collate"
	CreateTable                   EventType = "create table"
	DropTable                     EventType = "drop table"
	TruncateTable                 EventType = "truncate table"
	RenameTable                   EventType = "rename table"
	RecoverTable                  EventType = "recover table"
	ModifyTableComment            EventType = "modify table comment"
	ModifyTableCharsetAndCollate  EventType = "modify table charset and collate"
	CreateView                    EventType = "create view"
	DropView                      EventType = "drop view"
	AddTablePartition             EventType = "add table partition"
	DropTablePartition            EventType = "drop table partition"
	TruncateTablePartition        EventType = "truncate table partition"
	ExchangePartition             EventType = "exchange table partition"
	ReorganizePartition           EventType = "reorganize table partition"
	AlterTablePartitioning        EventType = "alter table partitioning"
	RemovePartitioning            EventType = "remove table partitioning"
	AddColumn                     EventType = "add column"
	DropColumn                    EventType = "drop column"
	ModifyColumn                  EventType = "modify column"
	SetDefaultValue               EventType = "set default value"
	RebaseAutoID                  EventType = "rebase auto id"
	AddPrimaryKey                 EventType = "add primary key"
	DropPrimaryKey                EventType = "drop primary key"
	CreateIndex                   EventType = "create index"
	DropIndex                     EventType = "drop index"
	RenameIndex                   EventType = "rename index"
	AlterIndexVisibility          EventType = "alter index visibility"
	AlterTTLInfo                  EventType = "alter ttl info"
	AlterTTLRemove                EventType = "alter ttl remove"
	MultiSchemaChange             EventType = "multi schema change"
	AddForeignKey                 EventType = "add foreign key"
	DropForeignKey                EventType = "drop foreign key"

	// AlterTable matches every ALTER TABLE kind of DDL (see IsAlterTable).
	AlterTable EventType = "alter table"
	// CreateSchema and DropSchema are aliases of the database types.
	CreateSchema EventType = "create schema"
	DropSchema   EventType = "drop schema"

	// Unknown is a DDL that TiCDC does not classify; type rules never
	// match it.
	Unknown EventType = ""
)

// DDLTypes lists the DDL event types TiCDC replicates and filters by.
func DDLTypes() []EventType {
	return []EventType{
		CreateDatabase, DropDatabase, ModifySchemaCharsetAndCollate,
		CreateTable, DropTable, TruncateTable, RenameTable, RecoverTable, ModifyTableComment, ModifyTableCharsetAndCollate,
		CreateView, DropView,
		AddTablePartition, DropTablePartition, TruncateTablePartition, ExchangePartition, ReorganizePartition,
		AlterTablePartitioning, RemovePartitioning,
		AddColumn, DropColumn, ModifyColumn, SetDefaultValue,
		RebaseAutoID, AddPrimaryKey, DropPrimaryKey, CreateIndex, DropIndex, RenameIndex, AlterIndexVisibility,
		AlterTTLInfo, AlterTTLRemove, MultiSchemaChange, AddForeignKey, DropForeignKey,
	}
}

// SupportedEventTypes lists every value ignore-event accepts.
func SupportedEventTypes() []EventType {
	return append([]EventType{AllDML, AllDDL, Insert, Update, Delete, AlterTable, CreateSchema, DropSchema}, DDLTypes()...)
}

// parseEventType checks an ignore-event value exactly as TiCDC does (case
// matters) and resolves the schema aliases.
func parseEventType(s string) (EventType, bool) {
	for _, t := range SupportedEventTypes() {
		if string(t) == s {
			switch t {
			case CreateSchema:
				return CreateDatabase, true
			case DropSchema:
				return DropDatabase, true
			}
			return t, true
		}
	}
	return Unknown, false
}

// IsDML reports whether t is insert, update or delete.
func (t EventType) IsDML() bool { return t == Insert || t == Update || t == Delete }

// IsSchemaDDL reports whether t changes a database rather than a table;
// such DDL is matched by schema only.
func (t EventType) IsSchemaDDL() bool {
	return t == CreateDatabase || t == DropDatabase || t == ModifySchemaCharsetAndCollate
}

// IsAlterTable reports whether an "alter table" rule also matches t, as
// TiCDC's list of ALTER TABLE sub-types says (CREATE/DROP INDEX count).
func (t EventType) IsAlterTable() bool {
	switch t {
	case RenameTable, ModifyTableComment, ModifyTableCharsetAndCollate,
		AddTablePartition, DropTablePartition, TruncateTablePartition, ExchangePartition, ReorganizePartition,
		AlterTablePartitioning, RemovePartitioning, AddColumn, DropColumn, ModifyColumn, SetDefaultValue,
		RebaseAutoID, AddPrimaryKey, DropPrimaryKey, CreateIndex, DropIndex, RenameIndex, AlterIndexVisibility,
		AlterTTLInfo, AlterTTLRemove, MultiSchemaChange:
		return true
	}
	return false
}

// matches reports whether an ignore-event list catches an event of type t.
func matchesEvent(list []EventType, t EventType) bool {
	for _, r := range list {
		switch {
		case r == t:
			return true
		case r == AllDML && t.IsDML():
			return true
		case r == AllDDL && t != Unknown && !t.IsDML():
			return true
		}
	}
	return false
}

func eventTypeList() string {
	all := SupportedEventTypes()
	s := make([]string, len(all))
	for i, t := range all {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
