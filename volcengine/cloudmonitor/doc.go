// Package cloudmonitor is the typed client for the Volcengine cloudmonitor API, version 2018-01-01: monitoring metrics, alarm rules and contacts.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/cloudmonitor.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package cloudmonitor

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/cloudmonitor
