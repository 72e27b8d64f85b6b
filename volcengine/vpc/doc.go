// Package vpc is the typed client for the Volcengine vpc API: virtual private clouds (VPCs, subnets, security groups, elastic IPs, network interfaces, route tables).
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/vpc.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Fields
// use Go names and keep the wire names in their json tags. Optional input
// fields are pointers, so that unset is not sent (multicloud.Ptr makes one);
// a required string is a plain string. Required fields
// are checked before anything is sent: a missing one is an *errors.Error of
// KindInvalidArgument naming it. Enum values are listed in the field
// comments but not enforced. Outputs are decoded leniently: a number sent as
// a string, or an empty timestamp, does not fail a response.
//
// Operations are Volcengine OpenAPI actions of version 2020-04-01, signed for
// the service vpc and the client's Config.Region. GET actions take
// their inputs in the query (lists as Name.1, Name.2, objects as Name.1.Field);
// POST actions take a JSON body.
//
// Every list operation Name also has NameAll, an iterator over
// every item of every page.
package vpc

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/vpc
