// Package lb is the typed client for the JD Cloud lb API, version v1: load balancers, listeners, target groups and backends.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/lb.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package lb

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/lb
