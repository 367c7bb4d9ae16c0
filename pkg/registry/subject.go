package registry

import "strings"

// SanitizeTopic returns the topic as it appears in subject names: every "."
// replaced by "_" (TiCDC's sanitizeTopic; the Kafka topic keeps its dots).
func SanitizeTopic(topic string) string { return strings.ReplaceAll(topic, ".", "_") }

// KeySubject returns the subject of a topic's key schema, "<topic>-key"
// after SanitizeTopic.
func KeySubject(topic string) string { return SanitizeTopic(topic) + "-key" }

// ValueSubject returns the subject of a topic's value schema,
// "<topic>-value" after SanitizeTopic.
func ValueSubject(topic string) string { return SanitizeTopic(topic) + "-value" }
