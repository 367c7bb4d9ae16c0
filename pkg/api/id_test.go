package api

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"kafka-avro", true}, {"a", true}, {"A1-b2-C3", true}, {strings.Repeat("a", 128), true},
		{"", false}, {"-a", false}, {"a-", false}, {"a--b", false}, {"a_b", false}, {"a.b", false},
		{"a b", false}, {strings.Repeat("a", 129), false}, {"ünï", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := ValidID(tt.id); got != tt.want {
				t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestCheckChangefeedIDMessage(t *testing.T) {
	err := CheckChangefeedID("bad_id")
	if err == nil || err.Error() != "[CDC:ErrAPIInvalidParam]invalid changefeed_id: bad_id" {
		t.Fatalf("err = %v", err)
	}
	if err := CheckNamespace("default"); err != nil {
		t.Fatal(err)
	}
}

func TestNewChangefeedIDIsUUIDv4(t *testing.T) {
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		id, err := NewChangefeedID()
		if err != nil {
			t.Fatal(err)
		}
		if !v4.MatchString(id) || !ValidID(id) {
			t.Fatalf("id %q is not a valid UUID v4 changefeed id", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}
