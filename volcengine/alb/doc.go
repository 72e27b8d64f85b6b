// Package alb is the typed client for the Volcengine alb API, version 2020-04-01: application load balancers, listeners, rules and server groups.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/alb.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package alb

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/alb
