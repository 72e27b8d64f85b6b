package signer_test

import (
	"fmt"
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud/signer"
)

// Example credentials; real ones come from a credentials provider.
var creds = signer.Credentials{
	AccessKeyID:     "AKEXAMPLE",
	SecretAccessKey: "SKEXAMPLE",
}

// The signing time is a parameter, so the output of these examples is fixed.
var signingTime = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

func ExampleJDCloud_Sign() {
	r, _ := http.NewRequest(http.MethodGet,
		"https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances?pageSize=10&pageNumber=1", nil)
	r.Header.Set("Content-Type", "application/json")
	// The nonce is normally random; a fixed one keeps the output stable.
	r.Header.Set("X-Jdcloud-Nonce", "8f1d5d6e-2a3b-4c5d-8e9f-0a1b2c3d4e5f")

	s := signer.JDCloud{Service: "vm", Region: "cn-north-1"}
	if err := s.Sign(r, nil, creds, signingTime); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.URL.RawQuery) // sorted: what is sent is what was signed
	fmt.Println(r.Header.Get("X-Jdcloud-Date"))
	fmt.Println(r.Header.Get("Authorization"))
	// Output:
	// pageNumber=1&pageSize=10
	// 20261122T080000Z
	// JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE/20261122/cn-north-1/vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=65409ba76424e11793d9f68aab51aad329cb2db095a888d0c47048744292b265
}

func ExampleVolcengine_Sign() {
	r, _ := http.NewRequest(http.MethodGet,
		"https://billing.volcengineapi.com/?Action=ListBill&Version=2022-01-01&BillPeriod=2026-10&Limit=10", nil)

	s := signer.Volcengine{Service: "billing", Region: "cn-north-1"}
	if err := s.Sign(r, nil, creds, signingTime); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.URL.RawQuery)
	fmt.Println(r.Header.Get("X-Date"))
	fmt.Println(r.Header.Get("Authorization"))
	// Output:
	// Action=ListBill&BillPeriod=2026-10&Limit=10&Version=2022-01-01
	// 20261122T080000Z
	// HMAC-SHA256 Credential=AKEXAMPLE/20261122/cn-north-1/billing/request, SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=72ec1ad9a4969033e6133a5b948403061e43cd49016127b2679db651c4cd2ac1
}

func ExampleQingCloud_Sign() {
	r, _ := http.NewRequest(http.MethodGet,
		"https://api.qingcloud.com/iaas/?action=DescribeZones&version=1&zone=pek3a", nil)

	if err := (signer.QingCloud{}).Sign(r, nil, creds, signingTime); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.URL.RawQuery)
	// Output:
	// access_key_id=AKEXAMPLE&action=DescribeZones&signature_method=HmacSHA256&signature_version=1&time_stamp=2026-11-22T08%3A00%3A00Z&version=1&zone=pek3a&signature=y6IX1yjMZ6rtNyohZXPeqQit0km8PmsB96m9Na%2BuHBc%3D
}

func ExampleCredentials_String() {
	c := signer.Credentials{AccessKeyID: "AKEXAMPLE", SecretAccessKey: "SKEXAMPLE"}
	fmt.Println(c)
	fmt.Printf("%+v\n", c)
	// Output:
	// Credentials{AccessKeyID: "AKEXAMPLE", SecretAccessKey: REDACTED, SessionToken: ""}
	// Credentials{AccessKeyID: "AKEXAMPLE", SecretAccessKey: REDACTED, SessionToken: ""}
}
