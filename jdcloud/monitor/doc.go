// Package monitor is the typed client for the JD Cloud monitor API: cloud monitoring (metrics, alarms, dashboards).
//
// The code is generated from the API description in
// internal/gen/apis/jdcloud/monitor.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Fields
// use Go names and keep the wire names in their json tags. Optional input
// fields are pointers, so that unset is not sent (multicloud.Ptr makes one);
// a required string is a plain string. Required fields
// are checked before anything is sent: a missing one is an *errors.Error of
// KindInvalidArgument naming it. Enum values are listed in the field
// comments but not enforced. Outputs are decoded leniently: a number sent as
// a string, or an empty timestamp, does not fail a response.
//
// Operations are REST calls to https://monitor.jdcloud-api.com/<version>/...; a
// path's regionId, when the input leaves RegionID empty, is the client's
// Config.Region. Inputs of GET and DELETE operations go in the query
// (lists as name.1, name.2, objects in lists as name.1.field), the others as
// a JSON body.
//
// Every list operation Name also has NameAll, an iterator over
// every item of every page.
package monitor

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service jdcloud/monitor
