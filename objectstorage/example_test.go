package objectstorage_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/jdcloud/oss"
	"github.com/multicloud-go/multicloud/objectstorage"
)

// Upload, list and read back objects on JD Cloud OSS, here its emulator.
// The same code runs on volcengine/tos and qingcloud/qingstor clients.
func Example() {
	s := cloudtest.NewObjectStorage("jdcloud")
	defer s.Close()
	c, err := oss.New(oss.Config{Credentials: s.CredentialsProvider(), Region: s.Region(), PathStyle: true},
		s.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if err := c.CreateBucket(ctx, "reports"); err != nil {
		panic(err)
	}
	for _, key := range []string{"2026/q1.csv", "2026/q2.csv", "2027/q1.csv"} {
		body := "report " + key
		if _, err := c.PutObject(ctx, "reports", key, strings.NewReader(body), int64(len(body)), nil); err != nil {
			panic(err)
		}
	}
	for e, err := range c.ListObjects(ctx, "reports", &objectstorage.ListOptions{Delimiter: "/"}) {
		if err != nil {
			panic(err)
		}
		fmt.Println("prefix:", e.Key)
	}
	obj, err := c.GetObject(ctx, "reports", "2026/q2.csv", nil)
	if err != nil {
		panic(err)
	}
	defer obj.Close()
	b, _ := io.ReadAll(obj)
	fmt.Println(string(b))
	// Output:
	// prefix: 2026/
	// prefix: 2027/
	// report 2026/q2.csv
}
