// Package clb is the typed client for the Volcengine clb API, version 2020-04-01: classic load balancers, listeners and server groups.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/clb.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package clb

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/clb
