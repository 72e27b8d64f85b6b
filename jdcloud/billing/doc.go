// Package billing is the typed client for the JD Cloud billing API, version v1: bills and billing queries.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/billing.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package billing

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/billing
