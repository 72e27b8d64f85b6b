// Package rdsmysql is the typed client for the Volcengine rds_mysql_v2 API, version 2022-01-01: RDS for MySQL instances, accounts, databases, endpoints and backups.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/rdsmysql.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package rdsmysql

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/rdsmysql
