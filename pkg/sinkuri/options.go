package sinkuri

import (
	"encoding/base64"
	"strings"
	"time"
)

// Defaults TiCDC applies to the Kafka client (spec §2.2).
const (
	DefaultReplicationFactor = 1
	DefaultKafkaVersion      = "2.4.0"
	DefaultMaxMessageBytes   = 10 * 1024 * 1024
	DefaultMaxRetry          = 5
	DefaultTimeout           = 10 * time.Second
	DefaultRequiredAcks      = -1
	// DefaultCreatePartitions is the partition count of a topic the
	// changefeed creates when partition-num is not set.
	DefaultCreatePartitions = 3
)

// Options is the resolved Kafka client configuration: every parameter with
// TiCDC's default applied. Build it with Kafka.Options.
type Options struct {
	// PartitionNum is 0 when not set: use the topic's real count, or
	// DefaultCreatePartitions for a topic the changefeed creates.
	PartitionNum      int32
	ReplicationFactor int16
	// KafkaVersion is the protocol version to assume; KafkaVersionSet is
	// false when TiCDC would detect it from the broker instead.
	KafkaVersion    string
	KafkaVersionSet bool
	MaxMessageBytes int
	MaxRetry        int
	Compression     string // none, gzip, snappy, lz4 or zstd
	// ClientID is "" when not set; see DefaultClientID.
	ClientID        string
	AutoCreateTopic bool
	DialTimeout     time.Duration
	WriteTimeout    time.Duration
	ReadTimeout     time.Duration
	RequiredAcks    int // -1, 0 or 1
	SASL            SASL
	TLS             TLS
}

// SASL is the resolved SASL configuration; Mechanism is "" when SASL is off.
type SASL struct {
	Mechanism string // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI or OAUTHBEARER
	User      string
	Password  string
	GSSAPI    GSSAPI
	OAuth     OAuth
}

// GSSAPI is the Kerberos configuration of the GSSAPI mechanism.
type GSSAPI struct {
	AuthType           string // "user" or "keytab"
	KeytabPath         string
	KerberosConfigPath string
	ServiceName        string
	User               string
	Password           string
	Realm              string
	DisablePAFXFAST    bool
}

// OAuth is the client-credentials configuration of OAUTHBEARER.
type OAuth struct {
	ClientID     string
	ClientSecret string // decoded from the base64 setting
	TokenURL     string
	Scopes       []string
	GrantType    string // "client_credentials" unless set
	Audience     string
}

// TLS is the resolved TLS configuration.
type TLS struct {
	Enabled            bool
	CA, Cert, Key      string // file paths, all set or all empty
	InsecureSkipVerify bool   // only ever true when Enabled
}

// Options validates k (Validate) and resolves it with TiCDC's defaults.
func (k *Kafka) Options() (Options, error) {
	if err := k.Validate(); err != nil {
		return Options{}, err
	}
	o := Options{
		ReplicationFactor: DefaultReplicationFactor,
		KafkaVersion:      DefaultKafkaVersion,
		MaxMessageBytes:   DefaultMaxMessageBytes,
		MaxRetry:          DefaultMaxRetry,
		AutoCreateTopic:   true,
		DialTimeout:       DefaultTimeout,
		WriteTimeout:      DefaultTimeout,
		ReadTimeout:       DefaultTimeout,
		RequiredAcks:      DefaultRequiredAcks,
		ClientID:          str(k.KafkaClientID),
	}
	setIf(&o.PartitionNum, k.PartitionNum)
	setIf(&o.ReplicationFactor, k.ReplicationFactor)
	if v := str(k.KafkaVersion); v != "" {
		o.KafkaVersion, o.KafkaVersionSet = v, true
	}
	setIf(&o.MaxMessageBytes, k.MaxMessageBytes)
	if k.MaxRetry != nil && *k.MaxRetry >= 0 {
		o.MaxRetry = *k.MaxRetry
	}
	o.Compression, _ = NormalizeCompression(str(k.Compression))
	setIf(&o.AutoCreateTopic, k.AutoCreateTopic)
	o.DialTimeout = durationOr(k.DialTimeout, o.DialTimeout)
	o.WriteTimeout = durationOr(k.WriteTimeout, o.WriteTimeout)
	o.ReadTimeout = durationOr(k.ReadTimeout, o.ReadTimeout)
	setIf(&o.RequiredAcks, k.RequiredAcks)
	o.SASL = k.resolveSASL()
	o.TLS = TLS{Enabled: k.tlsEnabled(), CA: str(k.CA), Cert: str(k.Cert), Key: str(k.Key)}
	if o.TLS.Enabled && k.InsecureSkipVerify != nil {
		o.TLS.InsecureSkipVerify = *k.InsecureSkipVerify
	}
	return o, nil
}

func (k *Kafka) resolveSASL() SASL {
	s := SASL{Mechanism: NormalizeSASLMechanism(str(k.SASLMechanism)), User: str(k.SASLUser), Password: str(k.SASLPassword)}
	s.GSSAPI = GSSAPI{
		AuthType:           strings.ToLower(str(k.SASLGssAPIAuthType)),
		KeytabPath:         str(k.SASLGssAPIKeytabPath),
		KerberosConfigPath: str(k.SASLGssAPIKerberosConfigPath),
		ServiceName:        str(k.SASLGssAPIServiceName),
		User:               str(k.SASLGssAPIUser),
		Password:           str(k.SASLGssAPIPassword),
		Realm:              str(k.SASLGssAPIRealm),
	}
	setIf(&s.GSSAPI.DisablePAFXFAST, k.SASLGssAPIDisablePafxfast)
	if s.Mechanism == "OAUTHBEARER" {
		secret, _ := base64.StdEncoding.DecodeString(str(k.SASLOAuthClientSecret)) // checked by Validate
		s.OAuth = OAuth{
			ClientID:     str(k.SASLOAuthClientID),
			ClientSecret: string(secret),
			TokenURL:     str(k.SASLOAuthTokenURL),
			Scopes:       append([]string(nil), k.SASLOAuthScopes...),
			GrantType:    "client_credentials",
			Audience:     str(k.SASLOAuthAudience),
		}
		if v := str(k.SASLOAuthGrantType); v != "" {
			s.OAuth.GrantType = v
		}
	}
	return s
}

// DefaultClientID is TiCDC's client id when kafka-client-id is not set:
// TiCDC_producer_<advertise-addr>_<namespace>_<changefeed-id>, with
// ? : , and " replaced by _.
func DefaultClientID(addr, namespace, changefeedID string) string {
	id := "TiCDC_producer_" + addr + "_" + namespace + "_" + changefeedID
	return strings.Map(func(r rune) rune {
		switch r {
		case '?', ':', ',', '"':
			return '_'
		}
		return r
	}, id)
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func durationOr(v *string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(str(v)); err == nil && d > 0 {
		return d
	}
	return def
}
