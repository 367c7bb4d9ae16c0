// Command cdcctl streams MySQL-family row changes into Kafka as TiCDC-compatible
// Avro and generates the downstream SQL and connector configuration.
package main

import (
	"os"

	"github.com/cdcctl/cdcctl/pkg/app"
)

func main() {
	os.Exit(app.Main())
}
