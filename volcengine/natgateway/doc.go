// Package natgateway is the typed client for the Volcengine natgateway API, version 2020-04-01: NAT gateways and their SNAT and DNAT entries.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/natgateway.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package natgateway

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/natgateway
