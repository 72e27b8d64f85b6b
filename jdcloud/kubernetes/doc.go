// Package kubernetes is the typed client for the JD Cloud kubernetes API, version v1: Kubernetes clusters and their node groups.
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/kubernetes.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package kubernetes

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/kubernetes
