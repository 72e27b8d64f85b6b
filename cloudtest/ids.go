package cloudtest

// Alphabets of generated ids.
const (
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperHex   = "0123456789ABCDEF"
	digits     = "0123456789"
)

// randString returns n characters drawn from alphabet by the server's
// seeded generator.
func (s *Server) randString(n int, alphabet string) string {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[s.rng.IntN(len(alphabet))]
	}
	return string(b)
}

// newID returns prefix followed by n random lower-case letters and digits,
// the shape of most ids on all three clouds ("i-3k9x0c2m1a").
func (s *Server) newID(prefix string, n int) string {
	return prefix + s.randString(n, lowerAlnum)
}

// randN returns a random int in [0, n).
func (s *Server) randN(n int) int {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.IntN(n)
}
