package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// fakeEnv stands in for the process environment in the examples.
func fakeEnv(vars map[string]string) credentials.Option {
	return credentials.WithLookupEnv(func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	})
}

// The usual setup: the cloud's default chain inside a Cache, handed to the
// client. Credentials print redacted.
func Example() {
	p := credentials.NewCache(credentials.VolcengineDefault(fakeEnv(map[string]string{
		"VOLCSTACK_ACCESS_KEY_ID":     "AKLTEXAMPLE",
		"VOLCSTACK_SECRET_ACCESS_KEY": "c2VjcmV0IGtleQ==",
	})))
	c, err := p.Retrieve(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	// Output: Credentials{AccessKeyID: "AKLTEXAMPLE", SecretAccessKey: REDACTED, SessionToken: ""}
}

// When nothing is found, the error says where the chain looked.
func ExampleChain() {
	home := "/home/nobody-here"
	p := credentials.JDCloudDefault(fakeEnv(map[string]string{}), credentials.WithHomeDir(home))
	_, err := p.Retrieve(context.Background())
	fmt.Println(errors.Is(err, credentials.ErrNotFound))
	fmt.Println(err)
	// Output:
	// true
	// credentials: no credentials found; looked in: environment variables JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY (not set); file /home/nobody-here/.jdc/config (does not exist)
}

// Static credentials first, then the environment: a Chain takes the first
// provider that has credentials.
func ExampleChain_fallback() {
	p := credentials.Chain(
		credentials.Static(signer.Credentials{}), // not configured: skipped
		credentials.QingCloudEnv(fakeEnv(map[string]string{
			"QINGCLOUD_ACCESS_KEY_ID":     "QYACCESSKEYIDEXAMPLE",
			"QINGCLOUD_SECRET_ACCESS_KEY": "SECRETEXAMPLE",
		})),
	)
	c, _ := p.Retrieve(context.Background())
	fmt.Println(c.AccessKeyID)
	// Output: QYACCESSKEYIDEXAMPLE
}

// Temporary credentials from an STS call: the Cache calls the function once,
// then again shortly before the credentials expire.
func ExampleNewCache() {
	calls := 0
	assumeRole := func(ctx context.Context) (signer.Credentials, time.Time, error) {
		calls++ // in real code: call STS AssumeRole with ctx
		return signer.Credentials{AccessKeyID: "AKTPEXAMPLE", SecretAccessKey: "secret", SessionToken: "STS2token"},
			time.Now().Add(time.Hour), nil
	}
	p := credentials.NewCache(credentials.ExpiringFunc(assumeRole), credentials.WithRefreshWindow(5*time.Minute))
	for range 3 {
		if _, err := p.Retrieve(context.Background()); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println("STS calls:", calls)
	// Output: STS calls: 1
}

func ExampleQingCloudConfigFile() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	_ = os.MkdirAll(filepath.Join(home, ".qingcloud"), 0o700)
	_ = os.WriteFile(filepath.Join(home, ".qingcloud", "config.yaml"), []byte(
		"qy_access_key_id: 'QYACCESSKEYIDEXAMPLE'\n"+
			"qy_secret_access_key: 'SECRETACCESSKEYEXAMPLE'\n"+
			"zone: 'pek3'\n"), 0o600)

	c, err := credentials.QingCloudConfigFile("", credentials.WithHomeDir(home)).Retrieve(context.Background())
	fmt.Println(c.AccessKeyID, err)
	// Output: QYACCESSKEYIDEXAMPLE <nil>
}

// A file that does not parse gives the line and key, never the value.
func ExampleParseError() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	_ = os.MkdirAll(filepath.Join(home, ".jdc"), 0o700)
	_ = os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(
		"[default]\n"+
			"access_key = JDC_EXAMPLE\n"+
			"secret_key = SECRET # rotated\n"), 0o600)

	_, err := credentials.JDCloudCLIConfigFile("", credentials.WithHomeDir(home)).Retrieve(context.Background())
	var pe *credentials.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Key, pe.Reason)
	}
	fmt.Println(errors.Is(err, credentials.ErrInvalid))
	// Output:
	// 3 secret_key value contains whitespace
	// true
}

// Selecting a Volcengine profile by name.
func ExampleVolcengineSharedCredentialsFile() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	_ = os.MkdirAll(filepath.Join(home, ".volcengine"), 0o700)
	_ = os.WriteFile(filepath.Join(home, ".volcengine", "credentials"), []byte(
		"[default]\n"+
			"volcengine_access_key_id = AKLTDEFAULT\n"+
			"volcengine_secret_access_key = secret1\n"+
			"\n"+
			"[prod]\n"+
			"volcengine_access_key_id = AKLTPROD\n"+
			"volcengine_secret_access_key = secret2\n"), 0o600)

	p := credentials.VolcengineSharedCredentialsFile("", credentials.WithHomeDir(home),
		fakeEnv(map[string]string{"VOLCSTACK_PROFILE": "prod"}))
	c, err := p.Retrieve(context.Background())
	fmt.Println(c.AccessKeyID, err)
	// Output: AKLTPROD <nil>
}

// The default JD Cloud region follows the same profile as the credentials:
// here the one named in the CLI's "current" file, unless JDCLOUD_REGION is
// set.
func ExampleJDCloudRegion() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	_ = os.MkdirAll(filepath.Join(home, ".jdc"), 0o700)
	_ = os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(
		"[default]\n"+
			"access_key = JDC_DEFAULT\n"+
			"secret_key = secret1\n"+
			"region_id = cn-north-1\n"+
			"\n"+
			"[shanghai]\n"+
			"access_key = JDC_SHANGHAI\n"+
			"secret_key = secret2\n"+
			"region_id = cn-east-2\n"), 0o600)
	_ = os.WriteFile(filepath.Join(home, ".jdc", "current"), []byte("shanghai"), 0o600)

	region, err := credentials.JDCloudRegion(credentials.WithHomeDir(home), fakeEnv(map[string]string{}))
	fmt.Println(region, err)
	region, err = credentials.JDCloudRegion(credentials.WithHomeDir(home), fakeEnv(map[string]string{"JDCLOUD_REGION": "cn-south-1"}))
	fmt.Println(region, err)
	// Output:
	// cn-east-2 <nil>
	// cn-south-1 <nil>
}
