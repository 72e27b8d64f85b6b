// Command objectstorage uploads, lists, downloads and deletes objects on
// JD Cloud OSS, Volcengine TOS and QingStor through one API.
//
// With a cloud's credentials in the environment (or its config files) it
// uses that cloud: a fresh bucket named multicloud-example-<random>, or the
// bucket in MULTICLOUD_EXAMPLE_BUCKET (kept, only the example's objects are
// deleted). Without credentials it uses the built-in emulator, cloudtest.
//
//	go run ./examples/objectstorage          # emulator, or real clouds with credentials
//	go run ./examples/objectstorage -local   # always the emulator
package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud/oss"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/qingcloud/qingstor"
	"github.com/multicloud-go/multicloud/volcengine/tos"
)

func main() {
	local := flag.Bool("local", false, "use the built-in emulator even if credentials are set")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, *local, os.LookupEnv); err != nil {
		fmt.Fprintln(os.Stderr, "objectstorage:", err)
		os.Exit(1)
	}
}

// cloud is one provider's object storage, real or emulated.
type cloud struct {
	name     string
	client   *objectstorage.Client
	region   string
	emulated bool
	close    func()
}

func run(ctx context.Context, w io.Writer, local bool, lookupEnv func(string) (string, bool)) error {
	env := func(name, fallback string) string {
		if v, ok := lookupEnv(name); ok && v != "" {
			return v
		}
		return fallback
	}
	clouds, err := connect(ctx, local, lookupEnv, env)
	if err != nil {
		return err
	}
	defer func() {
		for _, c := range clouds {
			c.close()
		}
	}()
	for _, c := range clouds {
		if err := tour(ctx, w, c, env("MULTICLOUD_EXAMPLE_BUCKET", "")); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return nil
}

// connect builds one client per provider: real where credentials are
// found, the emulator elsewhere.
func connect(ctx context.Context, local bool, lookupEnv func(string) (string, bool), env func(string, string) string) ([]cloud, error) {
	found := func(p credentials.Provider) bool {
		if local {
			return false
		}
		_, err := p.Retrieve(ctx)
		return err == nil
	}
	opt := credentials.WithLookupEnv(lookupEnv)
	var out []cloud
	add := func(name, provider string, creds credentials.Provider, region string,
		build func(creds multicloud.CredentialsProvider, region string, emulated bool, opts []multicloud.Option) (*objectstorage.Client, error)) error {
		c := cloud{name: name, region: region, close: func() {}}
		var opts []multicloud.Option
		if !found(creds) {
			s := cloudtest.NewObjectStorage(provider)
			c.emulated, c.region, c.close = true, s.Region(), s.Close
			creds, opts = s.CredentialsProvider(), s.ClientOptions()
		}
		client, err := build(creds, c.region, c.emulated, opts)
		if err != nil {
			c.close()
			return err
		}
		c.client = client
		out = append(out, c)
		return nil
	}
	err := add("JD Cloud OSS", "jdcloud", credentials.JDCloudDefault(opt), env("JDCLOUD_REGION", "cn-north-1"),
		func(creds multicloud.CredentialsProvider, region string, emulated bool, opts []multicloud.Option) (*objectstorage.Client, error) {
			return oss.New(oss.Config{Credentials: creds, Region: region, PathStyle: emulated}, opts...)
		})
	if err == nil {
		err = add("Volcengine TOS", "volcengine", credentials.VolcengineDefault(opt), env("VOLCSTACK_REGION", "cn-beijing"),
			func(creds multicloud.CredentialsProvider, region string, emulated bool, opts []multicloud.Option) (*objectstorage.Client, error) {
				return tos.New(tos.Config{Credentials: creds, Region: region, PathStyle: emulated}, opts...)
			})
	}
	if err == nil {
		err = add("QingStor", "qingcloud", credentials.QingCloudDefault(opt), env("QINGSTOR_ZONE", "pek3b"),
			func(creds multicloud.CredentialsProvider, zone string, emulated bool, opts []multicloud.Option) (*objectstorage.Client, error) {
				return qingstor.New(qingstor.Config{Credentials: creds, Zone: zone, PathStyle: emulated}, opts...)
			})
	}
	if err != nil {
		for _, c := range out {
			c.close()
		}
		return nil, err
	}
	return out, nil
}

// tour uploads a small and a large object, lists them, downloads the large
// one and checks it, presigns a download and deletes everything it made.
func tour(ctx context.Context, w io.Writer, c cloud, bucket string) error {
	where := "the built-in emulator (cloudtest)"
	if !c.emulated {
		where = "the real service"
	}
	fmt.Fprintf(w, "%s, region %s, on %s\n", c.name, c.region, where)
	created := false
	if bucket == "" {
		suffix := make([]byte, 4)
		rand.Read(suffix)
		bucket = "multicloud-example-" + hex.EncodeToString(suffix)
		if err := c.client.CreateBucket(ctx, bucket); err != nil {
			return err
		}
		created = true
	}

	hello := "hello from multicloud\n"
	if _, err := c.client.PutObject(ctx, bucket, "example/hello.txt", strings.NewReader(hello), int64(len(hello)),
		&objectstorage.PutOptions{ContentType: "text/plain; charset=utf-8", Metadata: map[string]string{"purpose": "example"}}); err != nil {
		return err
	}
	big := make([]byte, 12<<20)
	rand.Read(big)
	var stored int64
	res, err := c.client.Upload(ctx, bucket, "example/big.bin", bytes.NewReader(big), &objectstorage.UploadOptions{
		PartSize:   objectstorage.MinPartSize,
		PutOptions: objectstorage.PutOptions{Progress: func(n int64) { stored = n }},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  uploaded example/hello.txt (%d bytes) and example/big.bin (%d MiB in %d parts)\n", len(hello), stored>>20, res.Parts)

	var keys []string
	for e, err := range c.client.ListObjects(ctx, bucket, &objectstorage.ListOptions{Prefix: "example/"}) {
		if err != nil {
			return err
		}
		keys = append(keys, e.Key)
	}
	fmt.Fprintf(w, "  listed %d objects under example/: %s\n", len(keys), strings.Join(keys, ", "))

	obj, err := c.client.GetObject(ctx, bucket, "example/big.bin", nil)
	if err != nil {
		return err
	}
	h := md5.New()
	n, err := io.Copy(h, obj)
	obj.Close()
	if err != nil {
		return err
	}
	want := md5.Sum(big)
	if !bytes.Equal(h.Sum(nil), want[:]) {
		return fmt.Errorf("downloaded content differs from what was uploaded")
	}
	fmt.Fprintf(w, "  downloaded %d MiB, MD5 matches\n", n>>20)

	if _, err := c.client.PresignGetObject(ctx, bucket, "example/hello.txt", 15*time.Minute); err != nil {
		return err
	}
	fmt.Fprintln(w, "  presigned a GET of example/hello.txt, valid for 15m0s")

	if err := c.client.DeleteObjects(ctx, bucket, keys); err != nil {
		return err
	}
	msg := fmt.Sprintf("  deleted %d objects", len(keys))
	if created {
		if err := c.client.DeleteBucket(ctx, bucket); err != nil {
			return err
		}
		msg += " and the bucket"
	}
	fmt.Fprintln(w, msg)
	return nil
}
