package kafka

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Defaults, TiCDC's where TiCDC has one (spec/ticdc.md §2.2).
const (
	DefaultMaxMessageBytes   = 10 << 20 // 10 MiB, TiCDC's max-message-bytes
	DefaultPartitionNum      = 3        // partitions of a topic we create when PartitionNum is 0
	DefaultReplicationFactor = 1
	DefaultTimeout           = 10 * time.Second // dial, read and write
	DefaultBatchSize         = 10000            // messages per produce request and partition
	DefaultBatchBytes        = 1 << 20          // bytes per produce request and partition
	DefaultMaxInFlight       = 16               // concurrent produce requests per WriteBatch
	DefaultRetryBackoff      = 100 * time.Millisecond
	DefaultRetryBackoffMax   = 2 * time.Second
)

// Acks is the acknowledgement a write waits for. The zero value is
// AcksAll, TiCDC's default, so an unset field never weakens durability.
type Acks int8

const (
	AcksAll    Acks = iota // every in-sync replica (required-acks=-1)
	AcksLeader             // the partition leader only (required-acks=1)
	AcksNone               // no response at all (required-acks=0)
)

// ParseAcks maps TiCDC's required-acks values -1, 1 and 0.
func ParseAcks(n int) (Acks, error) {
	switch n {
	case -1:
		return AcksAll, nil
	case 1:
		return AcksLeader, nil
	case 0:
		return AcksNone, nil
	}
	return 0, fmt.Errorf("invalid required acks %d, only support these values: 0(NoResponse),1(WaitForLocal) and -1(WaitForAll)", n)
}

// Int returns TiCDC's required-acks value of a: -1, 1 or 0.
func (a Acks) Int() int { return int(a.kafkago()) }

func (a Acks) kafkago() kafkago.RequiredAcks {
	switch a {
	case AcksLeader:
		return kafkago.RequireOne
	case AcksNone:
		return kafkago.RequireNone
	}
	return kafkago.RequireAll
}

// SASL holds PLAIN or SCRAM credentials. Password is never logged and
// never appears in errors.
type SASL struct {
	Mechanism string // "plain", "scram-sha-256" or "scram-sha-512", any case; "" disables SASL
	User      string
	Password  string `json:"-"`
}

// String masks the password in %v and %+v output of SASL and Options.
func (s SASL) String() string {
	return fmt.Sprintf("{Mechanism:%s User:%s Password:******}", s.Mechanism, s.User)
}

// GoString masks the password in %#v output.
func (s SASL) GoString() string { return "kafka.SASL" + s.String() }

// TLS configures the connection's encryption. It is on when Enable is set
// or any file is given; without CAFile the system roots verify the broker.
type TLS struct {
	Enable             bool
	CAFile             string
	CertFile           string // client certificate, with KeyFile
	KeyFile            string
	InsecureSkipVerify bool
}

func (t TLS) enabled() bool {
	return t.Enable || t.CAFile != "" || t.CertFile != "" || t.KeyFile != ""
}

// Options configure a Producer. Zero numeric fields take the defaults
// above; DefaultOptions returns TiCDC's defaults for the booleans too.
type Options struct {
	Brokers  []string // host:port of the seed brokers
	ClientID string

	RequiredAcks    Acks
	Compression     string // none, gzip, snappy, lz4 or zstd (any case)
	MaxMessageBytes int    // largest key+value+36 accepted; capped by the topic's max.message.bytes-128

	SASL SASL
	TLS  TLS

	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration

	AutoCreateTopic   bool  // create missing topics (TiCDC's default: true)
	PartitionNum      int32 // partitions of created topics; 0 means DefaultPartitionNum
	ReplicationFactor int16 // replication of created topics; 0 means DefaultReplicationFactor

	BatchSize       int           // most messages in one request for one partition
	BatchBytes      int           // most bytes in one request for one partition
	MaxInFlight     int           // most concurrent requests of one WriteBatch (one connection each)
	RetryBackoff    time.Duration // first wait before a retry; doubles per attempt
	RetryBackoffMax time.Duration // longest wait between retries

	Logger *slog.Logger // nil discards
}

// DefaultOptions returns TiCDC's producer defaults for brokers.
func DefaultOptions(brokers ...string) Options {
	return Options{Brokers: brokers, Compression: "none", AutoCreateTopic: true}
}

// LogValue renders the options for slog without the SASL password.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("brokers", o.Brokers),
		slog.String("client-id", o.ClientID),
		slog.Int("required-acks", o.RequiredAcks.Int()),
		slog.String("compression", o.Compression),
		slog.Int("max-message-bytes", o.MaxMessageBytes),
		slog.String("sasl-mechanism", o.SASL.Mechanism),
		slog.String("sasl-user", o.SASL.User),
		slog.Bool("tls", o.TLS.enabled()),
		slog.Bool("auto-create-topic", o.AutoCreateTopic),
	)
}

// withDefaults fills zero fields and validates the rest.
func (o Options) withDefaults() (Options, error) {
	if len(o.Brokers) == 0 {
		return o, fmt.Errorf("kafka producer: no brokers given")
	}
	if o.RequiredAcks < AcksAll || o.RequiredAcks > AcksNone {
		return o, fmt.Errorf("kafka producer: invalid required acks value %d", o.RequiredAcks)
	}
	setDefault(&o.MaxMessageBytes, DefaultMaxMessageBytes)
	setDefault(&o.PartitionNum, DefaultPartitionNum)
	setDefault(&o.ReplicationFactor, DefaultReplicationFactor)
	setDefault(&o.DialTimeout, DefaultTimeout)
	setDefault(&o.ReadTimeout, DefaultTimeout)
	setDefault(&o.WriteTimeout, DefaultTimeout)
	setDefault(&o.BatchSize, DefaultBatchSize)
	setDefault(&o.BatchBytes, DefaultBatchBytes)
	setDefault(&o.MaxInFlight, DefaultMaxInFlight)
	setDefault(&o.RetryBackoff, DefaultRetryBackoff)
	setDefault(&o.RetryBackoffMax, DefaultRetryBackoffMax)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

func setDefault[T int | int16 | int32 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// compression maps the option to kafka-go's codec. An unknown name logs a
// warning and falls back to none, as TiCDC does.
func compression(name string, log *slog.Logger) kafkago.Compression {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "none":
		return 0
	case "gzip":
		return kafkago.Gzip
	case "snappy":
		return kafkago.Snappy
	case "lz4":
		return kafkago.Lz4
	case "zstd":
		return kafkago.Zstd
	}
	log.Warn("unsupported compression algorithm, sending uncompressed", "compression", name)
	return 0
}
