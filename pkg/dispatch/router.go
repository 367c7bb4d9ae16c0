package dispatch

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/filter"
)

// Router maps tables to topics and rows to partitions with TiCDC's
// dispatcher rules. It is safe for concurrent use.
type Router struct {
	defaultTopic string
	rules        []rule // the configured rules, then the implicit catch-all
	selectors    []selector
	loc          *time.Location
	warnings     []string
	routes       sync.Map // *event.Table → routeResult
}

// rule is a compiled dispatcher rule.
type rule struct {
	field   string
	matcher *filter.TableFilter
	topic   string // "" default topic; literal; or expression
	dynamic bool   // topic is an expression
	kind    Kind
	index   string
	columns []string
}

type routeResult struct {
	route *Route
	err   error
}

// New compiles the dispatcher rules and column selectors. defaultTopic is
// the sink URI's topic. A rule {matcher=['*.*'], partition="default",
// topic=""} is appended, so every table has a route. Errors name the rule:
// `sink.dispatchers[0]: invalid topic expression "…": …`.
func New(cfg Config, defaultTopic string) (*Router, error) {
	rt := &Router{defaultTopic: defaultTopic, loc: cfg.TimeZone}
	if rt.loc == nil {
		rt.loc = time.UTC
	}
	avro := strings.EqualFold(cfg.Protocol, "avro") || strings.EqualFold(cfg.Protocol, "flat-avro")
	rules := append(append([]Rule(nil), cfg.Rules...), Rule{Matcher: []string{"*.*"}})
	for i, r := range rules {
		ru, err := rt.compileRule(i, r, cfg.CaseSensitive, avro)
		if err != nil {
			return nil, err
		}
		rt.rules = append(rt.rules, ru)
	}
	var err error
	if rt.selectors, err = compileSelectors(cfg.ColumnSelectors, cfg.CaseSensitive); err != nil {
		return nil, err
	}
	return rt, nil
}

func (rt *Router) compileRule(i int, r Rule, caseSensitive, avro bool) (rule, error) {
	ru := rule{field: ruleField(i), topic: r.Topic, index: r.Index, columns: r.Columns}
	m, err := filter.ParseTableFilter(r.Matcher, caseSensitive)
	if err != nil {
		err.(*filter.PatternError).Field = ru.field + ".matcher"
		return ru, err
	}
	ru.matcher = m
	if r.Topic != "" && !IsLiteralTopic(r.Topic) {
		if err := ValidateTopicExpression(r.Topic, avro); err != nil {
			return ru, fmt.Errorf("%s: %w", ru.field, err)
		}
		ru.dynamic = true
	}
	kind, ok := ParseKind(r.Partition)
	if !ok {
		rt.warnings = append(rt.warnings, fmt.Sprintf("%s: partition %q is unknown; TiCDC uses \"default\" instead", ru.field, r.Partition))
	}
	ru.kind = kind
	return ru, nil
}

func (ru *rule) topicFor(schema, table, defaultTopic string) string {
	switch {
	case ru.topic == "":
		return defaultTopic
	case ru.dynamic:
		return SubstituteTopic(ru.topic, schema, table)
	}
	return ru.topic
}

// match returns the first rule that accepts schema.table.
func (rt *Router) match(schema, table string) (int, *rule) {
	for i := range rt.rules {
		if rt.rules[i].matcher.MatchTable(schema, table) {
			return i, &rt.rules[i]
		}
	}
	last := len(rt.rules) - 1 // the catch-all matches every table
	return last, &rt.rules[last]
}

// RuleFor returns which rule routes schema.table (an index into
// Config.Rules; len(Config.Rules) for the implicit catch-all) and its
// partition dispatcher, without resolving the table's columns.
func (rt *Router) RuleFor(schema, table string) (int, Kind) {
	i, ru := rt.match(schema, table)
	return i, ru.kind
}

// DefaultTopic returns the sink URI's topic.
func (rt *Router) DefaultTopic() string { return rt.defaultTopic }

// Warnings lists settings TiCDC accepts but replaces (unknown partition
// values).
func (rt *Router) Warnings() []string { return append([]string(nil), rt.warnings...) }

// TopicFor returns the topic of a table by name. It evaluates the rules on
// every call; per-row callers should use Route or Topic.
func (rt *Router) TopicFor(schema, table string) string {
	_, ru := rt.match(schema, table)
	return ru.topicFor(schema, table, rt.defaultTopic)
}

// DDLTopic returns the topic of a DDL (TiCDC, spec §3.4): the table's
// topic, or the default topic for database-level DDL (table "").
func (rt *Router) DDLTopic(schema, table string) string {
	if table == "" {
		return rt.defaultTopic
	}
	return rt.TopicFor(schema, table)
}

// Topic returns the topic of a table's rows.
func (rt *Router) Topic(t *event.Table) string {
	_, ru := rt.match(t.Schema, t.Name)
	return ru.topicFor(t.Schema, t.Name, rt.defaultTopic)
}

// Route returns the route of a table version, resolved on first use and
// cached by table pointer. The error reports a rule that cannot apply to
// the table (index-value naming a missing or non-unique index, columns
// naming a missing or virtual column, a column selector dropping every
// key); TiCDC refuses such tables when the changefeed is created.
func (rt *Router) Route(t *event.Table) (*Route, error) {
	if v, ok := rt.routes.Load(t); ok {
		r := v.(routeResult)
		return r.route, r.err
	}
	i, ru := rt.match(t.Schema, t.Name)
	route, err := rt.buildRoute(t, i, ru)
	v, _ := rt.routes.LoadOrStore(t, routeResult{route: route, err: err})
	r := v.(routeResult)
	return r.route, r.err
}

// VerifyTable reports whether every rule that applies to the table can
// route its rows (see Route).
func (rt *Router) VerifyTable(t *event.Table) error {
	_, err := rt.Route(t)
	return err
}

// Partition returns the partition of a row among n partitions.
func (rt *Router) Partition(row *event.RowChange, n int32) (int32, error) {
	if n <= 0 {
		return 0, fmt.Errorf("dispatch %s: partition count must be positive, got %d", row.Table.QualifiedName(), n)
	}
	r, err := rt.Route(row.Table)
	if err != nil {
		return 0, err
	}
	return r.Partition(row, n), nil
}
