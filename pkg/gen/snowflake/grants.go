package snowflake

import (
	"github.com/cdcctl/cdcctl/pkg/gen"
)

// grantsData feeds grants.sql.tmpl.
type grantsData struct {
	Role          string
	Databases     []string
	LandingSchema string
	Schema        string
	Warehouse     string
	Landings      []string
}

// grants renders the privileges every plan's objects need, as comments.
func grants(plans []*plan) (gen.Artifact, error) {
	o := plans[0].Opts
	d := grantsData{
		Role:          "<ROLE>",
		LandingSchema: qualify(UserIdent(o.LandingDatabase), UserIdent(o.LandingSchema)),
		Schema:        qualify(UserIdent(o.Database), UserIdent(o.Schema)),
	}
	if o.Role != "" {
		d.Role = UserIdent(o.Role)
	}
	d.Databases = append(d.Databases, UserIdent(o.LandingDatabase))
	if db := UserIdent(o.Database); db != d.Databases[0] {
		d.Databases = append(d.Databases, db)
	}
	if !o.Serverless {
		d.Warehouse = UserIdent(o.Warehouse)
		if o.Warehouse == "" {
			d.Warehouse = "<WAREHOUSE>"
		}
	}
	for _, p := range plans {
		d.Landings = append(d.Landings, p.Landing)
	}
	content, err := render("grants.sql.tmpl", d)
	return gen.Artifact{Kind: string(KindGrants), File: "0-grants.sql", Content: content}, err
}
