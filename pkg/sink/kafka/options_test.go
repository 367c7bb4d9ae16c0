package kafka_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

func TestParseAcks(t *testing.T) {
	tests := []struct {
		name    string
		in      int
		want    kafka.Acks
		wantErr bool
	}{
		{"all", -1, kafka.AcksAll, false},
		{"leader", 1, kafka.AcksLeader, false},
		{"none", 0, kafka.AcksNone, false},
		{"two", 2, 0, true},
		{"minus two", -2, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := kafka.ParseAcks(tt.in)
			if tt.wantErr {
				want := "invalid required acks " // TiCDC's words
				if err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Fatalf("got %v, %v; want an error starting %q", got, err, want)
				}
				return
			}
			if err != nil || got != tt.want || got.Int() != tt.in {
				t.Errorf("got %v (%d), %v; want %v", got, got.Int(), err, tt.want)
			}
		})
	}
	var zero kafka.Acks
	if zero.Int() != -1 {
		t.Errorf("zero Acks means %d, want -1 (all)", zero.Int())
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*kafka.Options)
		wantErr string
	}{
		{"no brokers", func(o *kafka.Options) { o.Brokers = nil }, "no brokers"},
		{"unknown SASL mechanism", func(o *kafka.Options) { o.SASL = kafka.SASL{Mechanism: "gssapi", User: "u"} }, `unsupported SASL mechanism "gssapi"`},
		{"SASL without user", func(o *kafka.Options) { o.SASL = kafka.SASL{Mechanism: "plain"} }, "no user"},
		{"missing CA file", func(o *kafka.Options) { o.TLS = kafka.TLS{CAFile: "/nonexistent/ca.pem"} }, "read CA file"},
		{"cert without key", func(o *kafka.Options) { o.TLS = kafka.TLS{CertFile: "c.pem"} }, "certificate and key must be given together"},
		{"bad acks", func(o *kafka.Options) { o.RequiredAcks = 9 }, "invalid required acks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := kafka.DefaultOptions("localhost:9092")
			tt.mutate(&opts)
			_, err := kafka.New(opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestNewWithValidOptionsDoesNotDial(t *testing.T) {
	opts := kafka.DefaultOptions("127.0.0.1:1") // nothing listens there
	opts.SASL = kafka.SASL{Mechanism: "SCRAM-SHA-512", User: "u", Password: "p"}
	opts.TLS = kafka.TLS{Enable: true}
	p, err := kafka.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownCompressionWarnsAndSendsUncompressed(t *testing.T) {
	var buf bytes.Buffer
	opts := kafka.DefaultOptions("localhost:9092")
	opts.Compression = "brotli"
	opts.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	p, err := kafka.New(opts)
	if err != nil {
		t.Fatalf("TiCDC only warns about an unknown compression: %v", err)
	}
	defer p.Close(t.Context())
	if !strings.Contains(buf.String(), "level=WARN") || !strings.Contains(buf.String(), "brotli") {
		t.Errorf("log %q: want a warning naming brotli", buf.String())
	}
}

func TestOptionsLogValueHidesPassword(t *testing.T) {
	var buf bytes.Buffer
	opts := kafka.DefaultOptions("localhost:9092")
	opts.SASL = kafka.SASL{Mechanism: "plain", User: "cdc-user", Password: "hunter2-secret"}
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("producer", "options", opts)
	for _, out := range []string{buf.String(), fmt.Sprintf("%v", opts), fmt.Sprintf("%+v", opts), fmt.Sprintf("%#v", opts)} {
		if strings.Contains(out, "hunter2") || !strings.Contains(out, "cdc-user") {
			t.Errorf("%s: want the user and no password", out)
		}
	}
}

func TestKafkaLogger(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	kafka.KafkaLogger(l, slog.LevelDebug).Printf("hidden %d", 1)
	kafka.KafkaLogger(l, slog.LevelWarn).Printf("writing to %s failed", "t")
	out := buf.String()
	if strings.Contains(out, "hidden") || !strings.Contains(out, `msg="writing to t failed"`) ||
		!strings.Contains(out, "component=kafka-go") {
		t.Errorf("log %q", out)
	}
	kafka.KafkaLogger(nil, slog.LevelWarn).Printf("no logger, no panic")
}
