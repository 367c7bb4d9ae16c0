// Package schema turns MySQL table definitions into the shared table model
// (event.Table): from DDL text parsed with the TiDB SQL parser (ddl.go,
// column.go, index.go) and, in infoschema*.go, from a live server's
// information_schema.
package schema
