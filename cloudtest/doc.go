// Package cloudtest is a local, in-process emulator of JD Cloud, Volcengine
// and QingCloud for tests and examples.
package cloudtest
