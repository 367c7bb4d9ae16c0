package replicaconfig

import "github.com/cdcctl/cdcctl/pkg/sinkuri"

// maskedValue replaces secrets, as TiCDC's log String() does.
const maskedValue = "******"

// Masked returns a copy of c with every secret hidden: SASL, Kerberos and
// OAuth secrets, the TLS key path, Glue credentials, Pulsar tokens and
// passwords (as ******), and the password of schema-registry and OAuth
// token URLs (as xxxxx). TiCDC's API shows some of these; cdcctl never
// prints them.
func (c *ReplicaConfig) Masked() *ReplicaConfig {
	m := c.Clone()
	if m.Sink.SchemaRegistry != nil {
		m.Sink.SchemaRegistry = ptr(sinkuri.MaskRegistryURL(*m.Sink.SchemaRegistry))
	}
	if k := m.Sink.KafkaConfig; k != nil {
		for _, p := range []**string{&k.SASLPassword, &k.SASLGssAPIPassword, &k.SASLOAuthClientSecret, &k.Key} {
			if *p != nil {
				*p = ptr(maskedValue)
			}
		}
		if k.SASLOAuthTokenURL != nil {
			k.SASLOAuthTokenURL = ptr(sinkuri.MaskRegistryURL(*k.SASLOAuthTokenURL))
		}
		if g := k.GlueSchemaRegistryConfig; g != nil {
			for _, p := range []*string{&g.AccessKey, &g.SecretAccessKey, &g.Token} {
				if *p != "" {
					*p = maskedValue
				}
			}
		}
	}
	if p := m.Sink.PulsarConfig; p != nil {
		for _, s := range []**string{&p.AuthenticationToken, &p.BasicPassword} {
			if *s != nil {
				*s = ptr(maskedValue)
			}
		}
		if p.OAuth2 != nil && p.OAuth2.OAuth2PrivateKey != "" {
			p.OAuth2.OAuth2PrivateKey = maskedValue
		}
	}
	if s := m.Sink.MySQLConfig; s != nil && s.SSLKey != nil {
		s.SSLKey = ptr(maskedValue)
	}
	return m
}
