// Package layering holds no code: its test checks the import layers that
// DESIGN.md promises, with the go command's own view of the module's
// dependencies.
package layering
