// Package storageebs is the typed client for the Volcengine storage_ebs API, version 2020-04-01: elastic block storage volumes and snapshots.
//
// The code is generated from the API description in
// internal/gen/apis/volcengine/storageebs.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package storageebs

//go:generate go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service volcengine/storageebs
