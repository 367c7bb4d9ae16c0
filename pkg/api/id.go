package api

import (
	"crypto/rand"
	"fmt"
)

// DefaultNamespace is the namespace of a changefeed when none is given.
const DefaultNamespace = "default"

// MaxIDLength is the longest changefeed ID or namespace TiCDC accepts.
const MaxIDLength = 128

// ChangefeedID names a changefeed: its namespace and its ID.
type ChangefeedID struct {
	Namespace string
	ID        string
}

// String renders id as TiCDC does in messages: "namespace/id".
func (id ChangefeedID) String() string { return id.Namespace + "/" + id.ID }

// ValidID reports whether s is a valid changefeed ID or namespace:
// letters and digits in groups joined by single hyphens, at most 128
// characters (TiCDC's ^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$).
func ValidID(s string) bool {
	if len(s) > MaxIDLength {
		return false
	}
	afterHyphen := true // at the start, as after a hyphen: a group must begin
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			afterHyphen = false
		case c == '-' && !afterHyphen:
			afterHyphen = true
		default:
			return false
		}
	}
	return !afterHyphen // not empty, no trailing hyphen
}

// CheckChangefeedID returns TiCDC's error for a bad changefeed ID.
func CheckChangefeedID(id string) error {
	if ValidID(id) {
		return nil
	}
	return ErrInvalidParam("invalid changefeed_id: %s", id)
}

// CheckNamespace returns TiCDC's error for a bad namespace.
func CheckNamespace(ns string) error {
	if ValidID(ns) {
		return nil
	}
	return ErrInvalidParam("invalid namespace: %s", ns)
}

// NewChangefeedID returns a random UUID v4, TiCDC's ID for a changefeed
// created without one.
func NewChangefeedID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate changefeed id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
