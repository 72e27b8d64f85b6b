// Package clouddnsservice is the typed client for the JD Cloud clouddnsservice API, version v1: public DNS (domains, resolution records, monitoring).
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/clouddnsservice.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package clouddnsservice

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/clouddnsservice
