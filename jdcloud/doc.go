// Package jdcloud is the JD Cloud provider plumbing for multicloud: its
// configuration, endpoints, signer binding, error decoding, paging convention
// and a generic call that reaches any JD Cloud API.
package jdcloud
