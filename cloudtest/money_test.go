package cloudtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMoneyFormatsNegativeAmounts(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 1234: "12.34", -1234: "-12.34", -5: "-0.05"} {
		assert.Equal(t, want, money(cents), cents)
	}
}
