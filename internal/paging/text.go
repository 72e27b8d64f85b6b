package paging

import (
	"context"
	"iter"
	"strconv"
)

// TextFields names the paging request fields that a service types as
// optional strings instead of integers (JD Cloud redis pageNumber,
// Volcengine MaxResults, PageNumber or Offset in some services). Each is set
// only when the field is a string; the others stay in the Spec.
type TextFields[I any] struct {
	Number func(*I) **string
	Size   func(*I) **string
	Offset func(*I) **string
}

// AllText is All for a list operation some of whose paging request fields
// are strings: the pager counts in integers and writes each as decimal text
// into the string field before every call. A text field that does not hold
// a decimal integer counts as unset.
func AllText[I, O, T any](ctx context.Context, in *I, call func(context.Context, *I) (*O, error), spec Spec[I, O, T], text TextFields[I]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		type shadow struct {
			field func(*I) **string
			value *int64
		}
		var shadows []*shadow
		bind := func(field func(*I) **string, slot *func(*I) **int64) {
			if field == nil {
				return
			}
			s := &shadow{field: field}
			if in != nil {
				if p := *field(in); p != nil {
					if n, err := strconv.ParseInt(*p, 10, 64); err == nil {
						s.value = &n
					}
				}
			}
			shadows = append(shadows, s)
			*slot = func(*I) **int64 { return &s.value }
		}
		bind(text.Number, &spec.Number)
		bind(text.Size, &spec.Size)
		bind(text.Offset, &spec.Offset)
		send := func(ctx context.Context, in *I) (*O, error) {
			for _, s := range shadows {
				if s.value == nil {
					*s.field(in) = nil
				} else {
					*s.field(in) = ref(strconv.FormatInt(*s.value, 10))
				}
			}
			return call(ctx, in)
		}
		for item, err := range All(ctx, in, send, spec) {
			if !yield(item, err) {
				return
			}
		}
	}
}
