package shared

import (
	"context"
	"fmt"
	"io"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/genfiles"
	"github.com/cdcctl/cdcctl/pkg/connect"
	"github.com/cdcctl/cdcctl/pkg/gen"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// connectorView prints the connector body: JSON as text and with -o json.
type connectorView struct{ *connector.Connector }

func (v connectorView) WriteText(w io.Writer) error { return output.WriteJSON(w, v.Connector) }

// validationView prints the server's validation errors.
type validationView struct{ *connect.Validation }

func (v validationView) TableHeader() []string { return []string{"key", "error"} }
func (v validationView) TableRows() [][]string {
	var rows [][]string
	for _, e := range v.Errors {
		for _, m := range e.Messages {
			rows = append(rows, []string{e.Key, m})
		}
	}
	return rows
}

// applyView reports what --apply did.
type applyView struct {
	Name   string `json:"name" yaml:"name"`
	Action string `json:"action" yaml:"action"`
	Target string `json:"target" yaml:"target"`
}

func (v applyView) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s connector %s on %s\n", v.Action, v.Name, v.Target)
	return err
}

// client builds the Connect API client for the options.
func (o *Options) client() (connect.Client, string, error) {
	if o.Managed {
		c, err := connect.NewCloud(o.CloudURL, o.Environment, o.Cluster, o.Env(EnvCloudAPIKey), o.Env(EnvCloudAPISecret), o.HTTP)
		if err != nil {
			return nil, "", cmderr.FlagErrorf("%v (the Cloud API key comes from %s and %s)", err, EnvCloudAPIKey, EnvCloudAPISecret)
		}
		return c, "Confluent Cloud " + o.Environment + "/" + o.Cluster, nil
	}
	c, err := connect.NewKafkaConnect(o.ConnectURL, o.Env(EnvConnectUsername), o.Env(EnvConnectPassword), o.HTTP)
	if err != nil {
		return nil, "", cmderr.FlagErrorWrap(err)
	}
	return c, "Kafka Connect", nil
}

// Emit prints, writes, validates or applies the connector.
func (o *Options) Emit(ctx context.Context, c *connector.Connector) error {
	if !o.Apply && !o.Validate {
		if o.OutDir != "" {
			a, err := c.Artifact()
			if err != nil {
				return err
			}
			return genfiles.Write(o.IO, genfiles.Options{OutDir: o.OutDir, Format: o.Format}, []gen.Artifact{a})
		}
		if !o.ShowSecrets {
			c = c.Masked()
		}
		return output.Print(o.IO, o.Format, connectorView{c})
	}
	client, target, err := o.client()
	if err != nil {
		return err
	}
	if o.Validate {
		v, err := client.Validate(ctx, c.Name, c.Config)
		if err != nil {
			return err
		}
		if v.ErrorCount > 0 || !o.Apply {
			if err := output.Print(o.IO, o.Format, validationView{v}); err != nil {
				return err
			}
		}
		if v.ErrorCount > 0 {
			return fmt.Errorf("connector %s: %d configuration error(s) reported by %s", c.Name, v.ErrorCount, target)
		}
		if !o.Apply {
			fmt.Fprintf(o.IO.ErrOut, "connector %s: configuration valid on %s\n", c.Name, target)
			return nil
		}
	}
	created, err := client.Apply(ctx, c.Name, c.Config)
	if err != nil {
		return err
	}
	action := "updated"
	if created {
		action = "created"
	}
	return output.Print(o.IO, o.Format, applyView{Name: c.Name, Action: action, Target: target})
}
