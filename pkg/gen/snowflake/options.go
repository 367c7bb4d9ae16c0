package snowflake

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Options say where the landing and replica objects live and how the tasks
// run. Names are Snowflake identifiers as the user would type them
// (unquoted names are case-insensitive; "Quoted" names keep their case).
type Options struct {
	// LandingDatabase and LandingSchema hold the tables the Snowflake
	// connector writes (its snowflake.database.name / schema.name) and the
	// streams on them. Empty = Database / "LANDING".
	LandingDatabase string
	LandingSchema   string
	// Database and Schema hold the replica tables and the tasks.
	Database string
	Schema   string
	// Warehouse runs the tasks; with Serverless the tasks are
	// Snowflake-managed and start at InitialWarehouseSize (default XSMALL).
	Warehouse            string
	Serverless           bool
	InitialWarehouseSize string
	// Schedule is the merge task's schedule as ParseSchedule returns it;
	// empty = "1 MINUTE".
	Schedule string
	// TimestampOffset is the UTC offset of the TIMESTAMP strings TiCDC
	// writes (its --tz); empty = "+00:00".
	TimestampOffset string
	// SoftDelete keeps deleted rows in the replica with _CDC_DELETED = TRUE
	// (and their offset), so that a replayed older insert cannot bring a
	// deleted row back.
	SoftDelete bool
	// KeepLandingDays keeps merged rows in the landing table for that many
	// days (by Kafka record time) before the purge task deletes them.
	KeepLandingDays int
	// Role names the role that owns the tasks in the grants comments;
	// empty = a <ROLE> placeholder.
	Role string
}

// Target is one replicated table: its definition and where its changes
// arrive.
type Target struct {
	Table *event.Table
	// Topic is the Kafka topic of the table's changes.
	Topic string
	// LandingTable overrides LandingTableName(Topic).
	LandingTable string
	// ReplicaTable overrides the replica's name (default: the MySQL table
	// name).
	ReplicaTable string
}

func (o Options) withDefaults() (Options, error) {
	if o.LandingSchema == "" {
		o.LandingSchema = "LANDING"
	}
	if o.LandingDatabase == "" {
		o.LandingDatabase = o.Database
	}
	if o.Schedule == "" {
		o.Schedule = "1 MINUTE"
	}
	if o.TimestampOffset == "" {
		o.TimestampOffset = "+00:00"
	}
	if o.InitialWarehouseSize == "" {
		o.InitialWarehouseSize = "XSMALL"
	}
	switch {
	case o.Database == "" || o.Schema == "":
		return o, fmt.Errorf("snowflake: the replica database and schema are required")
	case !regexp.MustCompile(`^[+-](0\d|1[0-4]):[0-5]\d$`).MatchString(o.TimestampOffset):
		return o, fmt.Errorf("snowflake: timestamp offset: want +HH:MM or -HH:MM, got %q", o.TimestampOffset)
	case o.KeepLandingDays < 0:
		return o, fmt.Errorf("snowflake: keep-landing days: want 0 or more, got %d", o.KeepLandingDays)
	}
	return o, nil
}

// ParseSchedule turns a task schedule into Snowflake's form: a Go duration
// ("5m", "90s", "1h") becomes "5 MINUTES", "90 SECONDS", "60 MINUTES";
// "<n> MINUTE[S]|SECOND[S]|HOUR[S]" and "USING CRON <5 fields> <time zone>"
// are kept (keywords upper-cased).
func ParseSchedule(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if d, err := time.ParseDuration(s); err == nil {
		switch {
		case d < time.Second || d%time.Second != 0:
			return "", fmt.Errorf("schedule %q: want whole seconds, at least 1s", s)
		case d%time.Minute == 0:
			return plural(int64(d/time.Minute), "MINUTE"), nil
		}
		return plural(int64(d/time.Second), "SECOND"), nil
	}
	up := strings.ToUpper(s)
	if strings.HasPrefix(up, "USING CRON ") {
		s = "USING CRON " + s[len("USING CRON "):]
		if !regexp.MustCompile(`^USING CRON( \S+){5} \S+$`).MatchString(s) {
			return "", fmt.Errorf("schedule %q: want USING CRON <minute> <hour> <day> <month> <weekday> <time zone>", s)
		}
		return s, nil
	}
	n, unit, ok := strings.Cut(up, " ")
	num, err := strconv.ParseInt(n, 10, 64)
	if ok && err == nil && num > 0 {
		switch strings.TrimSuffix(unit, "S") {
		case "MINUTE", "SECOND", "HOUR":
			return plural(num, strings.TrimSuffix(unit, "S")), nil
		}
	}
	return "", fmt.Errorf("schedule %q: want a duration (5m), \"<n> MINUTES\" or \"USING CRON <expr> <time zone>\"", s)
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %sS", n, unit)
}
