// Package internal holds helpers shared by the multicloud packages; its
// subpackages are not part of the public API.
package internal
