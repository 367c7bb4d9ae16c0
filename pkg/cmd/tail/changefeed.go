package tail

import (
	"context"
	"fmt"

	cfshared "github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/schemasource"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// fromChangefeed fills the brokers, topics, TLS and SASL settings and
// registry not given as flags from the changefeed o.Changefeed, then checks
// the result as the flags are checked.
func (o *Options) fromChangefeed(ctx context.Context) error {
	cf, err := o.ChangefeedAPI()
	if err != nil {
		return err
	}
	sink, err := schemasource.ResolveChangefeed(ctx, cf, o.Changefeed)
	if err != nil {
		return cfshared.CommandError(err)
	}
	if len(o.Brokers) == 0 {
		o.Brokers = sink.Brokers
	}
	if len(o.Topics) == 0 && o.TopicRegex == "" {
		o.TopicRegex = sink.TopicRegex
	}
	if !o.TLS && !o.TLSInsecure {
		o.TLS, o.TLSInsecure = sink.TLS, sink.TLSInsecure
	}
	if o.SASLMechanism == "" {
		o.SASLMechanism, o.SASLUser = sink.SASLMechanism, sink.SASLUser
	}
	if o.SASLPassword == "" {
		o.SASLPassword = sink.SASLPassword
	}
	if o.SASLMechanism != "" && o.SASLPassword == "" {
		return cmderr.FlagErrorf("changefeed %s uses SASL %s and its server masks the password: give it with CDCCTL_SASL_PASSWORD or --sasl-password",
			sink.ID, o.SASLMechanism)
	}
	if o.Registry == "" {
		if sink.RegistryMasked {
			return cmderr.FlagErrorf("changefeed %s's schema registry %s needs a password its server masks: give --registry https://user:password@host or CDCCTL_SCHEMA_REGISTRY",
				sink.ID, sink.Registry)
		}
		o.Registry = sink.Registry
	}
	o.Logger.Debug("tail: changefeed sink", "changefeed", sink.ID.String(), "brokers", o.Brokers,
		"topic_regex", o.TopicRegex, "registry", registry.Redact(o.Registry))
	if err := o.validate(true); err != nil {
		return fmt.Errorf("changefeed %s: %w", sink.ID, err)
	}
	return nil
}
