package sinkuri

import (
	"fmt"
	"strconv"
)

// Where the URI parameters live in error messages.
const (
	// WhereURI prefixes errors about the sink URI.
	WhereURI = "sink-uri"
	// WhereKafkaConfig prefixes errors about the changefeed
	// configuration's [sink.kafka-config] section.
	WhereKafkaConfig = "sink.kafka-config"
)

// masked replaces secret values in output and errors, as TiCDC does.
const masked = "xxxxx"

// ParamError reports a bad parameter. Error renders it as one line that
// names where the parameter was given, the parameter and the reason, e.g.
// `sink-uri: parameter "partition-num": want a positive integer, got 0`.
type ParamError struct {
	Where  string // WhereURI, WhereKafkaConfig or another section name
	Param  string // the parameter's name as the user wrote it
	Reason string // why it is wrong, including the (masked) value
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("%s: parameter %q: %s", e.Where, e.Param, e.Reason)
}

// shown renders a value for an error message: quoted, or masked when the
// parameter's name looks secret.
func shown(param, value string) string {
	if IsSensitiveKey(param) {
		return masked
	}
	return strconv.Quote(value)
}

func paramErr(where, param, format string, args ...any) *ParamError {
	return &ParamError{Where: where, Param: param, Reason: fmt.Sprintf(format, args...)}
}
