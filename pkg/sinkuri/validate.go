package sinkuri

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Validate checks the rules between Kafka parameters, on the merged set
// (URI over file), as TiCDC applies them when it builds the producer:
//
//   - ca, cert and key are given together or not at all;
//   - enable-tls=false together with those files is an error;
//   - PLAIN and SCRAM need sasl-user and sasl-password; GSSAPI needs an
//     auth type, service name, Kerberos config, user and realm, plus the
//     password (auth type user) or keytab (auth type keytab);
//   - the sasl-oauth-* settings need sasl-mechanism OAUTHBEARER, which in
//     turn needs a client id, a base64 client secret and a token URL.
//
// Each value is also checked on its own (CheckValues), so Validate is the
// whole check for a merged set. Errors name the parameters involved.
func (k *Kafka) Validate() error {
	if err := k.CheckValues("kafka options"); err != nil {
		return err
	}
	if err := k.validateTLS(); err != nil {
		return err
	}
	return k.validateSASL()
}

func (k *Kafka) validateTLS() error {
	var set, missing []string
	for _, f := range []struct {
		name string
		v    *string
	}{{"ca", k.CA}, {"cert", k.Cert}, {"key", k.Key}} {
		if str(f.v) != "" {
			set = append(set, f.name)
		} else {
			missing = append(missing, f.name)
		}
	}
	if len(set) > 0 && len(missing) > 0 {
		return fmt.Errorf(`kafka options: ca, cert and key files should all be supplied: %s set but %s missing`,
			quoteList(set), quoteList(missing))
	}
	if len(set) == 3 && k.EnableTLS != nil && !*k.EnableTLS {
		return fmt.Errorf(`kafka options: parameter "enable-tls": credential files are supplied (ca, cert, key), but enable-tls is false`)
	}
	return nil
}

func (k *Kafka) validateSASL() error {
	mech := NormalizeSASLMechanism(str(k.SASLMechanism))
	oauth := k.SASLOAuthClientID != nil || k.SASLOAuthClientSecret != nil || k.SASLOAuthTokenURL != nil
	if oauth && mech != "OAUTHBEARER" {
		return fmt.Errorf(`kafka options: sasl-oauth-* settings need sasl-mechanism OAUTHBEARER, got %q`, str(k.SASLMechanism))
	}
	need := func(param string, v *string, why string) error {
		if str(v) == "" {
			return fmt.Errorf("kafka options: parameter %q is required %s", param, why)
		}
		return nil
	}
	switch mech {
	case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512":
		why := "with sasl-mechanism " + mech
		if err := need("sasl-user", k.SASLUser, why); err != nil {
			return err
		}
		return need("sasl-password", k.SASLPassword, why)
	case "GSSAPI":
		return k.validateGSSAPI(need)
	case "OAUTHBEARER":
		why := "with sasl-mechanism OAUTHBEARER"
		if err := need("sasl-oauth-client-id", k.SASLOAuthClientID, why); err != nil {
			return err
		}
		if err := need("sasl-oauth-client-secret", k.SASLOAuthClientSecret, why); err != nil {
			return err
		}
		if _, err := base64.StdEncoding.DecodeString(*k.SASLOAuthClientSecret); err != nil {
			return fmt.Errorf(`kafka options: parameter "sasl-oauth-client-secret": OAuth2 client secret is not base64 encoded`)
		}
		return need("sasl-oauth-token-url", k.SASLOAuthTokenURL, why)
	}
	return nil
}

func (k *Kafka) validateGSSAPI(need func(string, *string, string) error) error {
	why := "with sasl-mechanism GSSAPI"
	if err := need("sasl-gssapi-auth-type", k.SASLGssAPIAuthType, why); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    *string
	}{
		{"sasl-gssapi-service-name", k.SASLGssAPIServiceName},
		{"sasl-gssapi-kerberos-config-path", k.SASLGssAPIKerberosConfigPath},
		{"sasl-gssapi-user", k.SASLGssAPIUser},
		{"sasl-gssapi-realm", k.SASLGssAPIRealm},
	} {
		if err := need(f.name, f.v, why); err != nil {
			return err
		}
	}
	if strings.ToLower(*k.SASLGssAPIAuthType) == "keytab" {
		return need("sasl-gssapi-keytab-path", k.SASLGssAPIKeytabPath, "with sasl-gssapi-auth-type keytab")
	}
	return need("sasl-gssapi-password", k.SASLGssAPIPassword, "with sasl-gssapi-auth-type user")
}

// Warnings lists settings that TiCDC accepts but ignores or replaces, so a
// user can see them before the changefeed runs.
func (k *Kafka) Warnings() []string {
	var w []string
	if v := str(k.Compression); v != "" {
		if _, ok := NormalizeCompression(v); !ok {
			w = append(w, fmt.Sprintf(`kafka options: compression %q is unknown; TiCDC falls back to "none"`, v))
		}
	}
	if k.RequiredAcks != nil && *k.RequiredAcks == 0 {
		w = append(w, "kafka options: required-acks 0 waits for nothing: a message can be lost or land after a later one "+
			"of the same partition, and the checkpoint advances once a request is sent; use -1 for at-least-once, in order")
	}
	if k.MaxRetry != nil && *k.MaxRetry < 0 {
		w = append(w, fmt.Sprintf("kafka options: negative max-retry %d is ignored (default 5)", *k.MaxRetry))
	}
	if k.InsecureSkipVerify != nil && *k.InsecureSkipVerify && !k.tlsEnabled() {
		w = append(w, "kafka options: insecure-skip-verify is ignored because TLS is off")
	}
	if str(k.SASLMechanism) == "" && (str(k.SASLUser) != "" || str(k.SASLPassword) != "") {
		w = append(w, "kafka options: sasl-user/sasl-password are ignored without sasl-mechanism")
	}
	return w
}

// tlsEnabled applies TiCDC's rule: enable-tls when given, else on when
// ca, cert and key are all supplied.
func (k *Kafka) tlsEnabled() bool {
	if k.EnableTLS != nil {
		return *k.EnableTLS
	}
	return str(k.CA) != "" && str(k.Cert) != "" && str(k.Key) != ""
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
