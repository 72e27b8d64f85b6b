// Package rdspostgresql is the typed client for the Volcengine rds_postgresql API, version 2022-01-01: RDS for PostgreSQL instances, accounts, databases and backups.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/rdspostgresql.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package rdspostgresql

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/rdspostgresql
