package sinkuri

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// parseQuery reads the query one pair at a time so that a bad pair is
// reported by its parameter name, and sets the typed fields. The first
// value of a repeated parameter wins, as in TiCDC.
func (u *URI) parseQuery(rawQuery string) error {
	seen := make(map[string]bool)
	ignored := make(map[string]bool)
	for _, pair := range strings.Split(rawQuery, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawVal, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return fmt.Errorf("sink-uri: malformed parameter name (invalid %%-escape)")
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return paramErr(WhereURI, key, "invalid %%-escape in the value (value withheld)")
		}
		if seen[key] {
			u.warnings = append(u.warnings, fmt.Sprintf("sink-uri: parameter %q is repeated; the first value is used", key))
			continue
		}
		seen[key] = true
		known, err := u.setParam(key, val)
		if err != nil {
			return err
		}
		if !known {
			ignored[key] = true
		}
	}
	for k := range ignored {
		u.Ignored = append(u.Ignored, k)
	}
	sort.Strings(u.Ignored)
	for _, k := range u.Ignored {
		u.warnings = append(u.warnings, fmt.Sprintf("sink-uri: unknown parameter %q is ignored", k))
	}
	return nil
}

// setParam stores one query parameter in its typed field. An empty value
// leaves the parameter unset.
func (u *URI) setParam(key, val string) (known bool, err error) {
	k, c := &u.Kafka, &u.Codec
	p := valueParser{key: key, val: val}
	switch key {
	case "partition-num":
		k.PartitionNum, err = parseInt[int32](p, 32)
	case "replication-factor":
		k.ReplicationFactor, err = parseInt[int16](p, 16)
	case "kafka-version":
		k.KafkaVersion = p.string()
	case "max-message-bytes":
		k.MaxMessageBytes, err = parseInt[int](p, 0)
	case "max-retry":
		k.MaxRetry, err = parseInt[int](p, 0)
	case "compression":
		k.Compression = p.string()
	case "kafka-client-id":
		k.KafkaClientID = p.string()
	case "auto-create-topic":
		k.AutoCreateTopic, err = p.bool()
	case "dial-timeout":
		k.DialTimeout = p.string()
	case "write-timeout":
		k.WriteTimeout = p.string()
	case "read-timeout":
		k.ReadTimeout = p.string()
	case "required-acks":
		k.RequiredAcks, err = parseInt[int](p, 0)
	case "sasl-user":
		k.SASLUser = p.string()
	case "sasl-password":
		k.SASLPassword = p.string()
	case "sasl-mechanism":
		k.SASLMechanism = p.string()
	case "sasl-gssapi-auth-type":
		k.SASLGssAPIAuthType = p.string()
	case "sasl-gssapi-keytab-path":
		k.SASLGssAPIKeytabPath = p.string()
	case "sasl-gssapi-kerberos-config-path":
		k.SASLGssAPIKerberosConfigPath = p.string()
	case "sasl-gssapi-service-name":
		k.SASLGssAPIServiceName = p.string()
	case "sasl-gssapi-user":
		k.SASLGssAPIUser = p.string()
	case "sasl-gssapi-password":
		k.SASLGssAPIPassword = p.string()
	case "sasl-gssapi-realm":
		k.SASLGssAPIRealm = p.string()
	case "sasl-gssapi-disable-pafxfast":
		k.SASLGssAPIDisablePafxfast, err = p.bool()
	case "enable-tls":
		k.EnableTLS, err = p.bool()
	case "ca":
		k.CA = p.string()
	case "cert":
		k.Cert = p.string()
	case "key":
		k.Key = p.string()
	case "insecure-skip-verify":
		k.InsecureSkipVerify, err = p.bool()
	default:
		return u.setCodecParam(c, p)
	}
	return true, err
}

func (u *URI) setCodecParam(c *Codec, p valueParser) (known bool, err error) {
	switch p.key {
	case "protocol":
		c.Protocol = p.string()
	case "enable-tidb-extension":
		c.EnableTiDBExtension, err = p.bool()
	case "avro-decimal-handling-mode":
		c.AvroDecimalHandlingMode = p.string()
	case "avro-bigint-unsigned-handling-mode":
		c.AvroBigintUnsignedHandlingMode = p.string()
	case "avro-enable-watermark":
		c.AvroEnableWatermark, err = p.bool()
	case "avro-include-before-value":
		c.AvroIncludeBeforeValue, err = p.bool()
	case "schema-registry":
		c.SchemaRegistry = p.string()
	case "max-batch-size":
		c.MaxBatchSize, err = parseInt[int](p, 0)
	case "only-output-updated-columns":
		c.OnlyOutputUpdatedColumns, err = p.bool()
	case "content-compatible":
		c.ContentCompatible, err = p.bool()
	case "debezium-disable-schema":
		c.DebeziumDisableSchema, err = p.bool()
	case "encoding-format":
		c.EncodingFormat = p.string()
	case "transaction-atomicity":
		c.TransactionAtomicity = p.string()
	default:
		return false, nil
	}
	return true, err
}
