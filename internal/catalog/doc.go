// Package catalog is the run-time description of every operation of the
// typed service packages: for each provider and service, each operation's
// wire facts (HTTP method, path, action, version, body encoding), its input
// fields with their wire and Go names, kinds, required flags, allowed
// values, defaults, ranges, locations and nested types, its output fields,
// its paging convention, its idempotency token and its documentation link.
//
// It is generated from the same committed descriptions as the typed
// packages (internal/gen/apis, format in internal/gen/api) by
// internal/gen/cmd/catalog, so a service added to the descriptions reaches
// every user of the catalog on `make generate`, and `make generate-check`
// keeps the two in step. Unlike internal/gen, which runs only at build time,
// this package is meant to be imported by programs: the multicloud command
// builds its commands and flags from it, and an emulator can answer and
// check any operation with it.
//
// # Cost
//
// The data is embedded, one JSON Lines file per service (data/<provider>/
// <service>.jsonl: a header line, then one line per operation and per
// named type). Nothing is decoded until a service is asked for, and then
// only that service, once per Catalog: listing the providers and services
// reads a small generated index.
//
//	cat := catalog.New()
//	svc, err := cat.Service("qingcloud", "iaas")
//	op := svc.Operation("DescribeInstances")
//	for _, f := range op.Input { ... }
package catalog

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/catalog
