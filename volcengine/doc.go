// Package volcengine is the Volcengine provider plumbing for multicloud: its
// configuration, endpoints, signer binding, error decoding, paging conventions
// and a generic call that reaches any Volcengine API.
package volcengine
