package paging

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// textIn is an input whose page number and offset are strings, as in JD
// Cloud redis and some Volcengine services.
type textIn struct {
	PageNumber *string
	PageSize   *int64
	Offset     *string
	Limit      *string
}

type textOut struct {
	Items []int
	Total string
}

// TestAllTextPage pages by a string page number and a string total: the
// numbers on the wire are decimal text, and the caller's input is not
// changed.
func TestAllTextPage(t *testing.T) {
	var sent []string
	call := func(_ context.Context, in *textIn) (*textOut, error) {
		require.NotNil(t, in.PageNumber)
		sent = append(sent, *in.PageNumber+"/"+strconv.FormatInt(*in.PageSize, 10))
		n, _ := strconv.Atoi(*in.PageNumber)
		items := []int{n*10 + 1, n*10 + 2}
		if n == 3 {
			items = items[:1]
		}
		return &textOut{Items: items, Total: "5"}, nil
	}
	first := &textIn{PageNumber: ptr("2")}
	spec := Spec[textIn, textOut, int]{
		Style: Page, MaxSize: 2,
		Size:  func(i *textIn) **int64 { return &i.PageSize },
		Items: func(o *textOut) []int { return o.Items },
		Total: func(o *textOut) int64 { n, _ := strconv.ParseInt(o.Total, 10, 64); return n },
	}
	var got []int
	for v, err := range AllText(context.Background(), first, call, spec, TextFields[textIn]{Number: func(i *textIn) **string { return &i.PageNumber }}) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{21, 22, 31}, got, "from page 2 until 3*2 >= 5")
	assert.Equal(t, []string{"2/2", "3/2"}, sent)
	assert.Equal(t, "2", *first.PageNumber, "the caller's input is left alone")
}

// TestAllTextOffset pages by string offset and limit; an offset that is not
// a number counts as unset.
func TestAllTextOffset(t *testing.T) {
	var sent []string
	data := []int{1, 2, 3, 4, 5}
	call := func(_ context.Context, in *textIn) (*textOut, error) {
		sent = append(sent, *in.Offset+"+"+*in.Limit)
		off, _ := strconv.Atoi(*in.Offset)
		lim, _ := strconv.Atoi(*in.Limit)
		end := min(off+lim, len(data))
		return &textOut{Items: data[off:end]}, nil
	}
	spec := Spec[textIn, textOut, int]{
		Style: Offset, MaxSize: 2,
		Items: func(o *textOut) []int { return o.Items },
	}
	text := TextFields[textIn]{
		Offset: func(i *textIn) **string { return &i.Offset },
		Size:   func(i *textIn) **string { return &i.Limit },
	}
	var got []int
	for v, err := range AllText(context.Background(), &textIn{Offset: ptr("x")}, call, spec, text) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, data, got)
	assert.Equal(t, []string{"0+2", "2+2", "4+2"}, sent)
}
