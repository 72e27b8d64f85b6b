package cloudtest

import (
	"slices"
	"strings"
	"time"
)

// transition is a state change under way: at until, the resource's status
// becomes to. The zero transition is none.
type transition struct {
	until time.Time
	to    string
}

// start begins a change to status to that completes d after now.
func (t *transition) start(now time.Time, d time.Duration, to string) {
	t.until, t.to = now.Add(d), to
}

// pending reports whether a change is under way.
func (t *transition) pending() bool { return t.to != "" }

// finish returns the new status and ends the change when it is due at now.
func (t *transition) finish(now time.Time) (string, bool) {
	if t.to == "" || now.Before(t.until) {
		return "", false
	}
	to := t.to
	*t = transition{}
	return to, true
}

// matchAny reports whether v equals one of values; no values match all.
func matchAny(v string, values []string) bool {
	return len(values) == 0 || slices.Contains(values, v)
}

// containsAny reports whether v contains one of values; no values match
// all.
func containsAny(v string, values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, w := range values {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// remove deletes the first element of s for which drop is true.
func remove[T any](s []T, drop func(T) bool) []T {
	if i := slices.IndexFunc(s, drop); i >= 0 {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// window returns the bounds of the items from offset, at most limit of
// them, in a list of n.
func window(n, offset, limit int) (start, end int) {
	start = min(max(offset, 0), n)
	return start, min(start+limit, n)
}

// isoTime formats t as the providers' UTC ISO 8601 time stamps.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
