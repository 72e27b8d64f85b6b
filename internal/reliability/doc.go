// Package reliability holds the SDK's reliability suite and nothing else: it
// has no exported API, only tests.
//
// The tests prove that a bad day is boring for a caller of any of the three
// clouds:
//
//   - every fault (refused or reset connections, servers that never answer
//     or trickle, truncated, HTML and oversized bodies, throttling, 5xx
//     storms, clock skew, bad credentials) ends in a typed error that
//     errors.Is can classify, after a known number of attempts, with every
//     response body closed and no goroutine left behind;
//   - a mutating call (QingCloud RunInstances, JD Cloud CreateInstances,
//     Volcengine RunInstances) reaches the server at most once under every
//     one of those faults, unless the server said it did not process it;
//   - a thousand goroutines can share clients of all three clouds while
//     faults are injected, and every call ends within its context;
//   - no secret key, signature, Authorization value, session token or
//     password reaches a log line, an error or a formatted value.
//
// The faults come from package cloudtest where it has them, and from raw
// TCP listeners on 127.0.0.1 where a fault needs control of the socket.
// See README-section.md for the guarantees in prose and the figures.
package reliability
