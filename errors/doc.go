// Package errors defines the one error type that every provider failure
// becomes, its kinds and the sentinels that errors.Is matches against.
//
// Import it under an alias, for example mcerrors, so that it does not shadow
// the standard library's errors package.
package errors
