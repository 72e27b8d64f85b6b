// Package examples holds runnable programs that show the SDK end to end, one
// per subdirectory.
package examples
