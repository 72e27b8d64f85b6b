// Package iaas is the typed client for the QingCloud iaas API: the IaaS API (instances, volumes, EIPs, security groups, VxNets, routers, load balancers, jobs and more).
//
// The code is generated from the API description in
// internal/gen/apis/qingcloud/iaas.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Fields
// use Go names and keep the wire names in their json tags. Optional input
// fields are pointers, so that unset is not sent (multicloud.Ptr makes one);
// a required string is a plain string. Required fields
// are checked before anything is sent: a missing one is an *errors.Error of
// KindInvalidArgument naming it. Enum values are listed in the field
// comments but not enforced. Outputs are decoded leniently: a number sent as
// a string, or an empty timestamp, does not fail a response.
//
// Every action is a signed GET to https://api.qingcloud.com/iaas/ with its
// inputs in the query (lists as name.1, name.2; objects in lists as
// name.1.field; booleans as 1 and 0). An input's Zone, when left empty, is
// the client's Config.Zone.
//
// Every list operation Name also has NameAll, an iterator over
// every item of every page.
//
// Most actions that change resources return a job_id; WaitJob polls the job
// until it ends, and WaitInstanceStatus polls an instance until it reaches a
// status with no transition under way.
package iaas

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service qingcloud/iaas
