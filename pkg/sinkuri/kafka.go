package sinkuri

import "reflect"

// Kafka holds the Kafka client parameters of spec §2.2 as the user gave
// them: a nil field was not set and takes TiCDC's default (see Options).
// The same struct is the URI's query and the changefeed file's
// [sink.kafka-config] section (TOML tags) and the OpenAPI v2
// kafka_config object (JSON tags). The sasl-oauth-* settings exist only in
// the file, as in TiCDC; a URI never sets them.
type Kafka struct {
	PartitionNum      *int32  `toml:"partition-num" json:"partition_num,omitempty"`
	ReplicationFactor *int16  `toml:"replication-factor" json:"replication_factor,omitempty"`
	KafkaVersion      *string `toml:"kafka-version" json:"kafka_version,omitempty"`
	MaxMessageBytes   *int    `toml:"max-message-bytes" json:"max_message_bytes,omitempty"`
	MaxRetry          *int    `toml:"max-retry" json:"max_retry,omitempty"`
	Compression       *string `toml:"compression" json:"compression,omitempty"`
	KafkaClientID     *string `toml:"kafka-client-id" json:"kafka_client_id,omitempty"`
	AutoCreateTopic   *bool   `toml:"auto-create-topic" json:"auto_create_topic,omitempty"`
	DialTimeout       *string `toml:"dial-timeout" json:"dial_timeout,omitempty"`
	WriteTimeout      *string `toml:"write-timeout" json:"write_timeout,omitempty"`
	ReadTimeout       *string `toml:"read-timeout" json:"read_timeout,omitempty"`
	RequiredAcks      *int    `toml:"required-acks" json:"required_acks,omitempty"`

	SASLUser                     *string `toml:"sasl-user" json:"sasl_user,omitempty"`
	SASLPassword                 *string `toml:"sasl-password" json:"sasl_password,omitempty"`
	SASLMechanism                *string `toml:"sasl-mechanism" json:"sasl_mechanism,omitempty"`
	SASLGssAPIAuthType           *string `toml:"sasl-gssapi-auth-type" json:"sasl_gssapi_auth_type,omitempty"`
	SASLGssAPIKeytabPath         *string `toml:"sasl-gssapi-keytab-path" json:"sasl_gssapi_keytab_path,omitempty"`
	SASLGssAPIKerberosConfigPath *string `toml:"sasl-gssapi-kerberos-config-path" json:"sasl_gssapi_kerberos_config_path,omitempty"`
	SASLGssAPIServiceName        *string `toml:"sasl-gssapi-service-name" json:"sasl_gssapi_service_name,omitempty"`
	SASLGssAPIUser               *string `toml:"sasl-gssapi-user" json:"sasl_gssapi_user,omitempty"`
	SASLGssAPIPassword           *string `toml:"sasl-gssapi-password" json:"sasl_gssapi_password,omitempty"`
	SASLGssAPIRealm              *string `toml:"sasl-gssapi-realm" json:"sasl_gssapi_realm,omitempty"`
	SASLGssAPIDisablePafxfast    *bool   `toml:"sasl-gssapi-disable-pafxfast" json:"sasl_gssapi_disable_pafxfast,omitempty"`

	SASLOAuthClientID     *string  `toml:"sasl-oauth-client-id" json:"sasl_oauth_client_id,omitempty"`
	SASLOAuthClientSecret *string  `toml:"sasl-oauth-client-secret" json:"sasl_oauth_client_secret,omitempty"`
	SASLOAuthTokenURL     *string  `toml:"sasl-oauth-token-url" json:"sasl_oauth_token_url,omitempty"`
	SASLOAuthScopes       []string `toml:"sasl-oauth-scopes" json:"sasl_oauth_scopes,omitempty"`
	SASLOAuthGrantType    *string  `toml:"sasl-oauth-grant-type" json:"sasl_oauth_grant_type,omitempty"`
	SASLOAuthAudience     *string  `toml:"sasl-oauth-audience" json:"sasl_oauth_audience,omitempty"`

	EnableTLS          *bool   `toml:"enable-tls" json:"enable_tls,omitempty"`
	CA                 *string `toml:"ca" json:"ca,omitempty"`
	Cert               *string `toml:"cert" json:"cert,omitempty"`
	Key                *string `toml:"key" json:"key,omitempty"`
	InsecureSkipVerify *bool   `toml:"insecure-skip-verify" json:"insecure_skip_verify,omitempty"`
}

// Merge copies every parameter set in over into k, so that over wins
// (TiCDC: a URI value overrides the file's value). Empty strings in over
// count as set only where TiCDC's merge keeps them.
func (k *Kafka) Merge(over *Kafka) {
	if over == nil {
		return
	}
	mergePtr(&k.PartitionNum, over.PartitionNum)
	mergePtr(&k.ReplicationFactor, over.ReplicationFactor)
	mergePtr(&k.KafkaVersion, over.KafkaVersion)
	mergePtr(&k.MaxMessageBytes, over.MaxMessageBytes)
	mergePtr(&k.MaxRetry, over.MaxRetry)
	mergePtr(&k.Compression, over.Compression)
	mergePtr(&k.KafkaClientID, over.KafkaClientID)
	mergePtr(&k.AutoCreateTopic, over.AutoCreateTopic)
	mergePtr(&k.DialTimeout, over.DialTimeout)
	mergePtr(&k.WriteTimeout, over.WriteTimeout)
	mergePtr(&k.ReadTimeout, over.ReadTimeout)
	mergePtr(&k.RequiredAcks, over.RequiredAcks)
	mergePtr(&k.SASLUser, over.SASLUser)
	mergePtr(&k.SASLPassword, over.SASLPassword)
	mergePtr(&k.SASLMechanism, over.SASLMechanism)
	mergePtr(&k.SASLGssAPIAuthType, over.SASLGssAPIAuthType)
	mergePtr(&k.SASLGssAPIKeytabPath, over.SASLGssAPIKeytabPath)
	mergePtr(&k.SASLGssAPIKerberosConfigPath, over.SASLGssAPIKerberosConfigPath)
	mergePtr(&k.SASLGssAPIServiceName, over.SASLGssAPIServiceName)
	mergePtr(&k.SASLGssAPIUser, over.SASLGssAPIUser)
	mergePtr(&k.SASLGssAPIPassword, over.SASLGssAPIPassword)
	mergePtr(&k.SASLGssAPIRealm, over.SASLGssAPIRealm)
	mergePtr(&k.SASLGssAPIDisablePafxfast, over.SASLGssAPIDisablePafxfast)
	mergePtr(&k.SASLOAuthClientID, over.SASLOAuthClientID)
	mergePtr(&k.SASLOAuthClientSecret, over.SASLOAuthClientSecret)
	mergePtr(&k.SASLOAuthTokenURL, over.SASLOAuthTokenURL)
	if over.SASLOAuthScopes != nil {
		k.SASLOAuthScopes = append([]string(nil), over.SASLOAuthScopes...)
	}
	mergePtr(&k.SASLOAuthGrantType, over.SASLOAuthGrantType)
	mergePtr(&k.SASLOAuthAudience, over.SASLOAuthAudience)
	mergePtr(&k.EnableTLS, over.EnableTLS)
	mergePtr(&k.CA, over.CA)
	mergePtr(&k.Cert, over.Cert)
	mergePtr(&k.Key, over.Key)
	mergePtr(&k.InsecureSkipVerify, over.InsecureSkipVerify)
}

// IsZero reports whether no parameter is set.
func (k *Kafka) IsZero() bool { return reflect.ValueOf(*k).IsZero() }

// Clone returns a deep copy of k.
func (k *Kafka) Clone() *Kafka {
	if k == nil {
		return nil
	}
	c := &Kafka{}
	c.Merge(k)
	return c
}

// mergePtr sets *dst to a fresh copy of *src when src is set.
func mergePtr[T any](dst **T, src *T) {
	if src == nil {
		return
	}
	v := *src
	*dst = &v
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
