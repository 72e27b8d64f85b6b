package ident

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValid(t *testing.T) {
	for _, ok := range []string{"vm", "DescribeInstances", "2020-04-01", "v1", "a_b"} {
		assert.True(t, Valid(ok), ok)
	}
	for _, bad := range []string{"", "a b", "a/b", "a?b", "中文", strings.Repeat("a", 129), "../x"} {
		assert.False(t, Valid(bad), bad)
	}
}
