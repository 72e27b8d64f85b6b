// Package dns is the typed client for the Volcengine dns API, version 2018-08-01: public DNS zones and records.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/dns.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package dns

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/dns
