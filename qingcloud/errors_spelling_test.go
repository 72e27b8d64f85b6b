package qingcloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Regression test, found by FuzzDecodeError (make fuzz; the input is in
// testdata/fuzz/FuzzDecodeError): the byte search of the success path looks
// for "ret_code" exactly, while the full decode matches the key as
// encoding/json does, in any letter case and unescaped. A body whose only
// exact "ret_code" was a nested 0 passed as a success although its top
// level said otherwise.
func TestRetCodeSpelledOtherwiseIsNoSuccess(t *testing.T) {
	for body, want := range map[string]string{
		`{"job_set":[{"ret_code":0}],"RET_CODE":1400,"message":"PermissionDenied"}`: "1400",
		`{"job_set":[{"ret_code":0}],"Ret_Code":"1200"}`:                            "1200",
		`{"job_set":[{"ret_code":0}],"ret\u005fcode":5000}`:                         "5000",
		`{"":[{"ret_code":0}],"ret_Code":1}`:                                        "1",
	} {
		e := DecodeError(200, nil, []byte(body))
		require.NotNil(t, e, body)
		assert.Equal(t, want, e.Code, body)
	}
	for _, body := range []string{
		`{"action":"DescribeJobsResponse","job_set":[{"ret_code":0}],"ret_code":0}`,
		`{"instance_set":[{"instance_name":"\u4e2d\u6587","status_time":"x"}],"ret_code":0,"total_count":1}`,
		`{"instance_set":[{"description":"ret_code is 0"}],"ret_code":0}`,
	} {
		assert.Nil(t, DecodeError(200, nil, []byte(body)), body)
	}
	assert.ErrorIs(t, DecodeError(200, nil, []byte(`{"RET_CODE":1400}`)), mcerrors.ErrPermissionDenied)
}
