// Package redis is the typed client for the Volcengine redis API, version 2020-12-07: Redis cache instances, accounts, backups and parameters.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/redis.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package redis

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/redis
