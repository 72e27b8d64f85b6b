// Package redis is the typed client for the JD Cloud redis API, version v1: Redis cache instances, accounts, backups and configuration.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/redis.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package redis

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/redis
