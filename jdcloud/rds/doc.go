// Package rds is the typed client for the JD Cloud rds API, version v1: relational database instances, accounts, databases and backups.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/rds.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package rds

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/rds
