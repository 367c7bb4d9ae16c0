package sinkuri

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Kafka topic names: at most this many bytes of [A-Za-z0-9._-].
const maxTopicLen = 249

// URI is a parsed Kafka sink URI.
type URI struct {
	Scheme  string   // "kafka" or "kafka+ssl" (kafka+ssl does not turn TLS on)
	Brokers []string // host:port, in the order given
	Topic   string   // the default topic (URI path)
	Kafka   Kafka    // Kafka client parameters set in the query
	Codec   Codec    // codec parameters set in the query

	// Ignored lists query parameters TiCDC does not know, sorted.
	Ignored []string

	raw      string
	warnings []string
}

// String returns the URI as given, unmasked. Print MaskAPI or MaskLog of it
// instead wherever a person or a log may see it.
func (u *URI) String() string { return u.raw }

// Warnings lists what Parse accepted but TiCDC ignores: unknown or repeated
// parameters, credentials in the URI's user info.
func (u *URI) Warnings() []string {
	w := append([]string(nil), u.warnings...)
	return append(w, u.Kafka.Warnings()...)
}

// Parse parses and checks a Kafka sink URI. See the package comment for
// what is checked; every error is one line naming the bad part.
func Parse(raw string) (*URI, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("sink-uri: empty; want kafka://host:port[,host:port]/<topic>?protocol=avro&…")
	}
	pu, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("sink-uri: %s", describeURLError(err, hasUserInfo(raw)))
	}
	u := &URI{raw: raw, Scheme: strings.ToLower(pu.Scheme)}
	if u.Scheme != "kafka" && u.Scheme != "kafka+ssl" {
		if u.Scheme == "" {
			return nil, errors.New("sink-uri: missing scheme; want kafka://host:port/<topic>")
		}
		return nil, fmt.Errorf("sink-uri: scheme %q is not supported; cdcctl writes to Kafka (kafka:// or kafka+ssl://)", pu.Scheme)
	}
	if u.Brokers, err = parseBrokers(pu.Host); err != nil {
		return nil, err
	}
	if pu.User != nil {
		u.warnings = append(u.warnings, "sink-uri: user info before the host is ignored; use sasl-user and sasl-password")
	}
	if u.Topic, err = parseTopic(pu.Path); err != nil {
		return nil, err
	}
	if err := u.parseQuery(pu.RawQuery); err != nil {
		return nil, err
	}
	if err := u.Kafka.CheckValues(WhereURI); err != nil {
		return nil, err
	}
	if err := u.Codec.CheckValues(WhereURI); err != nil {
		return nil, err
	}
	return u, nil
}

// describeURLError turns a net/url error into a message that never repeats
// the URI (which may hold secrets). When the authority holds user info,
// any detail could be part of a password, so none is given.
func describeURLError(err error, userInfo bool) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var esc url.EscapeError
	if errors.As(err, &esc) {
		return "malformed URI: invalid %-escape (text withheld, it may be a secret)"
	}
	if userInfo {
		return "malformed URI before the path (text withheld: it holds user info); URL-encode any credentials"
	}
	var host url.InvalidHostError
	if errors.As(err, &host) {
		return fmt.Sprintf("malformed broker list: invalid character %q in host name", string(host))
	}
	msg := strings.TrimPrefix(err.Error(), "net/url: ")
	if strings.HasPrefix(msg, "invalid port") {
		return "malformed broker list: " + msg + "; want host:port[,host:port] (an IPv6 [addr]:port broker must be the only one)"
	}
	if strings.Contains(msg, "userinfo") {
		return "malformed URI: invalid user info (text withheld)"
	}
	return "malformed URI: " + msg
}

func parseBrokers(host string) ([]string, error) {
	if host == "" {
		return nil, errors.New("sink-uri: no broker given; want kafka://host:port[,host:port]/<topic>")
	}
	brokers := strings.Split(host, ",")
	for _, b := range brokers {
		h, port, err := net.SplitHostPort(b)
		if err != nil || h == "" {
			return nil, fmt.Errorf("sink-uri: broker %q: want host:port", b)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("sink-uri: broker %q: port must be 1-65535", b)
		}
	}
	return brokers, nil
}

func parseTopic(path string) (string, error) {
	topic := strings.Trim(path, "/")
	if topic == "" {
		return "", errors.New("sink-uri: no topic is specified; want kafka://host:port/<topic>")
	}
	if err := CheckTopicName(topic); err != nil {
		return "", fmt.Errorf("sink-uri: topic %q: %w", topic, err)
	}
	return topic, nil
}

// CheckTopicName checks a literal Kafka topic name: 1 to 249 characters of
// [A-Za-z0-9._-], and neither "." nor "..".
func CheckTopicName(topic string) error {
	switch {
	case !IsTopicChars(topic):
		return errors.New("a Kafka topic may contain only A-Z a-z 0-9 . _ -")
	case len(topic) > maxTopicLen:
		return fmt.Errorf("a Kafka topic is at most %d characters, got %d", maxTopicLen, len(topic))
	case topic == "." || topic == "..":
		return errors.New(`"." and ".." are not legal Kafka topics`)
	}
	return nil
}

// hasUserInfo reports whether the part of raw before the query has an "@",
// i.e. may carry credentials in its authority.
func hasUserInfo(raw string) bool {
	before, _, _ := strings.Cut(raw, "?")
	return strings.Contains(before, "@")
}
