// Package qingcloud is the QingCloud provider plumbing for multicloud: its
// configuration, endpoints, signer binding, error decoding, paging convention
// and a generic call that reaches any QingCloud API.
package qingcloud
