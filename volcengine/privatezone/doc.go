// Package privatezone is the typed client for the Volcengine private_zone API, version 2022-06-01: private DNS zones and records bound to VPCs.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/privatezone.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package privatezone

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/privatezone
