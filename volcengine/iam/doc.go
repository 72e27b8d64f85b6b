// Package iam is the typed client for the Volcengine iam API, version 2018-01-01: users, groups, roles, policies and access keys.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/iam.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package iam

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/iam
