// Package ident checks the names callers give for services, actions and API
// versions before they go into a URL.
package ident

// Valid reports whether s is a plausible service, action or version name:
// 1 to 128 ASCII letters, digits, '-' or '_'. Anything else cannot name an
// API of the three clouds, and would have to be escaped into the URL.
func Valid(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
