package signer

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// QingCloud signs requests with QingCloud's HmacSHA256 query-string scheme
// (signature_version 1).
//
// Sign adds access_key_id, signature_method=HmacSHA256, signature_version=1,
// time_stamp (t in UTC, "2006-01-02T15:04:05Z"), token when the credentials
// have a session token, and signature to the query. All other parameters are
// the caller's: action, zone, version=1 and the action's own. Any of the
// signer's parameters already in the query (from an earlier signing) are
// replaced. The query is rewritten sorted by name and percent-encoded, with
// signature last, which is the form the provider documents.
type QingCloud struct{}

// qingcloudTimeLayout is the format of time_stamp: UTC, ISO 8601.
const qingcloudTimeLayout = "2006-01-02T15:04:05Z"

// qingcloudOwned are the parameters the signer writes; a caller's values for
// them are replaced.
var qingcloudOwned = [...]string{
	"access_key_id", "signature_method", "signature_version", "time_stamp", "signature", "token",
}

// Sign signs r in place for QingCloud at time t. body is not signed: the API
// carries its parameters in the query.
func (QingCloud) Sign(r *http.Request, body []byte, c Credentials, t time.Time) error {
	if err := checkInput(r, c); err != nil {
		return err
	}
	w := getWork()
	defer putWork(w)

	// The signer's own parameters from an earlier signing are dropped
	// unread: they are replaced below.
	kept, err := percent.ParseQueryExcept(w.pairs[:0], r.URL.RawQuery, qingcloudOwns)
	if err != nil {
		return fmt.Errorf("%w: query: %w", ErrInvalidRequest, err)
	}
	stamp := appendISOTime(w.mac[:0], t.UTC())
	kept = append(kept,
		percent.Pair{Key: "access_key_id", Value: c.AccessKeyID},
		percent.Pair{Key: "signature_method", Value: "HmacSHA256"},
		percent.Pair{Key: "signature_version", Value: "1"},
		percent.Pair{Key: "time_stamp", Value: string(stamp)},
	)
	if c.SessionToken != "" {
		kept = append(kept, percent.Pair{Key: "token", Value: c.SessionToken})
	}
	percent.SortByKey(kept)
	w.pairs = kept

	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	sts := append(w.sts[:0], method...)
	sts = append(sts, '\n')
	sts = append(sts, canonicalPathAsSent(r)...)
	sts = append(sts, '\n')
	queryStart := len(sts)
	sts = percent.AppendQuery(sts, kept)

	mac := derivedKeys.secret(c.SecretAccessKey).sum(w.hash, &w.sum, sts)
	var sig [44]byte // base64 of 32 bytes
	base64.StdEncoding.Encode(sig[:], mac)
	sts = append(sts, "&signature="...)
	sts = percent.AppendEncode(sts, sig[:])
	w.sts = sts
	r.URL.RawQuery = string(sts[queryStart:])
	return nil
}

func qingcloudOwns(key string) bool {
	for _, k := range qingcloudOwned {
		if key == k {
			return true
		}
	}
	return false
}
