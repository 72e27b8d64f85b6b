// Package vke is the typed client for the Volcengine vke API, version 2022-05-12: Kubernetes clusters, node pools and nodes.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/vke.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package vke

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/vke
