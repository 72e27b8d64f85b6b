// Package privatezone is the typed client for the JD Cloud privatezone API, version v1: private DNS zones bound to VPCs.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/privatezone.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package privatezone

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/privatezone
