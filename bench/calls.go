package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"

	jdcore "github.com/jdcloud-api/jdcloud-sdk-go/core"
	jdapis "github.com/jdcloud-api/jdcloud-sdk-go/services/vm/apis"
	jdclient "github.com/jdcloud-api/jdcloud-sdk-go/services/vm/client"
	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
	volcecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	volc "github.com/volcengine/volcengine-go-sdk/volcengine"
	volccreds "github.com/volcengine/volcengine-go-sdk/volcengine/credentials"
	volcsession "github.com/volcengine/volcengine-go-sdk/volcengine/session"
	qcconfig "github.com/yunify/qingcloud-sdk-go/config"
	qcservice "github.com/yunify/qingcloud-sdk-go/service"
)

// call makes one DescribeInstances of size items and returns how many
// instances it decoded.
type call func() (int, error)

const (
	accessKey = "AKLTBENCHANCHOR"
	secretKey = "c2VjcmV0LWZvci10aGUtYmVuY2htYXJr"
)

var ctx = context.Background()

// ours returns our typed clients' calls, with client-side rate limiting off
// (a limiter's waiting is deliberate, not overhead; the official SDKs have
// none).
func ours(addr string) (jd, volcCall, qing func(size int) call, err error) {
	keys := credentials.Static(signer.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey})
	opts := func(endpoint string) []multicloud.Option {
		return []multicloud.Option{multicloud.WithEndpoint(endpoint), multicloud.WithInsecureHTTP(),
			multicloud.WithRateLimiter(ratelimit.Unlimited{})}
	}
	jc, err := vm.New(jdcloud.Config{Credentials: keys, Region: "cn-north-1"}, opts("http://"+addr)...)
	if err != nil {
		return nil, nil, nil, err
	}
	vc, err := ecs.New(volcengine.Config{Credentials: keys, Region: "cn-beijing"}, opts("http://"+addr)...)
	if err != nil {
		return nil, nil, nil, err
	}
	qc, err := iaas.New(qingcloud.Config{Credentials: keys, Zone: "pek3a"}, opts("http://"+addr+"/iaas/")...)
	if err != nil {
		return nil, nil, nil, err
	}
	jd = func(size int) call {
		return func() (int, error) {
			out, err := jc.DescribeInstances(ctx, &vm.DescribeInstancesInput{PageNumber: ptr(int64(1)), PageSize: ptr(int64(size))})
			if err != nil {
				return 0, err
			}
			return len(out.Instances), nil
		}
	}
	volcCall = func(size int) call {
		return func() (int, error) {
			out, err := vc.DescribeInstances(ctx, &ecs.DescribeInstancesInput{MaxResults: ptr(int64(size))})
			if err != nil {
				return 0, err
			}
			return len(out.Instances), nil
		}
	}
	qing = func(size int) call {
		return func() (int, error) {
			out, err := qc.DescribeInstances(ctx, &iaas.DescribeInstancesInput{Limit: ptr(int64(size))})
			if err != nil {
				return 0, err
			}
			return len(out.InstanceSet), nil
		}
	}
	return jd, volcCall, qing, nil
}

// oursAll pages through every instance with the typed iterators.
func oursAll(addr string) (jd, volcCall, qing call, err error) {
	keys := credentials.Static(signer.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey})
	opts := func(endpoint string) []multicloud.Option {
		return []multicloud.Option{multicloud.WithEndpoint(endpoint), multicloud.WithInsecureHTTP(),
			multicloud.WithRateLimiter(ratelimit.Unlimited{})}
	}
	jc, err := vm.New(jdcloud.Config{Credentials: keys, Region: "cn-north-1"}, opts("http://"+addr)...)
	if err != nil {
		return nil, nil, nil, err
	}
	vc, err := ecs.New(volcengine.Config{Credentials: keys, Region: "cn-beijing"}, opts("http://"+addr)...)
	if err != nil {
		return nil, nil, nil, err
	}
	qc, err := iaas.New(qingcloud.Config{Credentials: keys, Zone: "pek3a"}, opts("http://"+addr+"/iaas/")...)
	if err != nil {
		return nil, nil, nil, err
	}
	jd = func() (int, error) {
		return count(jc.DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{PageSize: ptr(int64(100))}))
	}
	volcCall = func() (int, error) {
		return count(vc.DescribeInstancesAll(ctx, &ecs.DescribeInstancesInput{MaxResults: ptr(int64(100))}))
	}
	qing = func() (int, error) {
		return count(qc.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{Limit: ptr(int64(100))}))
	}
	return jd, volcCall, qing, nil
}

// official returns the official SDKs' calls, each with its defaults and
// logging off.
func official(addr string) (jd, volcCall, qing func(size int) call, err error) {
	jc := jdclient.NewVmClient(jdcore.NewCredentials(accessKey, secretKey))
	cfg := jdcore.NewConfig()
	cfg.SetScheme(jdcore.SchemeHttp)
	cfg.SetEndpoint(addr)
	jc.SetConfig(cfg)
	jc.DisableLogger()
	jd = func(size int) call {
		return func() (int, error) {
			req := jdapis.NewDescribeInstancesRequest("cn-north-1")
			req.SetPageNumber(1)
			req.SetPageSize(size)
			resp, err := jc.DescribeInstances(req)
			if err != nil {
				return 0, err
			}
			if resp.Error.Code != 0 {
				return 0, fmt.Errorf("jdcloud: %+v", resp.Error)
			}
			return len(resp.Result.Instances), nil
		}
	}

	sess, err := volcsession.NewSession(volc.NewConfig().WithRegion("cn-beijing").
		WithCredentials(volccreds.NewStaticCredentials(accessKey, secretKey, "")).
		WithEndpoint(addr).WithDisableSSL(true))
	if err != nil {
		return nil, nil, nil, err
	}
	vc := volcecs.New(sess)
	volcCall = func(size int) call {
		return func() (int, error) {
			out, err := vc.DescribeInstances(&volcecs.DescribeInstancesInput{MaxResults: volc.Int32(int32(size))})
			if err != nil {
				return 0, err
			}
			return len(out.Instances), nil
		}
	}

	qcfg, err := qcconfig.NewWithEndpoint(accessKey, secretKey, "http://"+addr+"/iaas/")
	if err != nil {
		return nil, nil, nil, err
	}
	qsvc, err := qcservice.Init(qcfg)
	if err != nil {
		return nil, nil, nil, err
	}
	qi, err := qsvc.Instance("pek3a")
	if err != nil {
		return nil, nil, nil, err
	}
	qing = func(size int) call {
		return func() (int, error) {
			out, err := qi.DescribeInstances(&qcservice.DescribeInstancesInput{Limit: qcservice.Int(size)})
			if err != nil {
				return 0, err
			}
			return len(out.InstanceSet), nil
		}
	}
	return jd, volcCall, qing, nil
}

// raw is plain net/http and encoding/json into our typed output types: no
// signing, no retries, no checks beyond the status.
type raw struct {
	base string
	hc   *http.Client
}

func newRaw(addr string) *raw {
	return &raw{base: "http://" + addr, hc: &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}}
}

func (r *raw) get(url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.Unmarshal(body, out)
}

func (r *raw) jd(page, size int) (vm.DescribeInstancesOutput, error) {
	var env struct {
		RequestID string                     `json:"requestId"`
		Result    vm.DescribeInstancesOutput `json:"result"`
	}
	err := r.get(r.base+"/v1/regions/cn-north-1/instances?pageNumber="+strconv.Itoa(page)+"&pageSize="+strconv.Itoa(size), &env)
	return env.Result, err
}

func (r *raw) volc(token string, size int) (ecs.DescribeInstancesOutput, error) {
	var env struct {
		Result ecs.DescribeInstancesOutput `json:"Result"`
	}
	url := r.base + "/?Action=DescribeInstances&Version=2020-04-01&MaxResults=" + strconv.Itoa(size)
	if token != "" {
		url += "&NextToken=" + token
	}
	err := r.get(url, &env)
	return env.Result, err
}

func (r *raw) qing(offset, size int) (iaas.DescribeInstancesOutput, error) {
	var out iaas.DescribeInstancesOutput
	err := r.get(r.base+"/iaas/?action=DescribeInstances&zone=pek3a&limit="+strconv.Itoa(size)+"&offset="+strconv.Itoa(offset), &out)
	return out, err
}

func (r *raw) calls() (jd, volcCall, qing func(size int) call) {
	jd = func(size int) call {
		return func() (int, error) { out, err := r.jd(1, size); return len(out.Instances), err }
	}
	volcCall = func(size int) call {
		return func() (int, error) { out, err := r.volc("", size); return len(out.Instances), err }
	}
	qing = func(size int) call {
		return func() (int, error) { out, err := r.qing(0, size); return len(out.InstanceSet), err }
	}
	return jd, volcCall, qing
}

// all pages through every instance as a careful hand-written loop would.
func (r *raw) all() (jd, volcCall, qing call) {
	jd = func() (int, error) {
		n := 0
		for page := 1; ; page++ {
			out, err := r.jd(page, 100)
			if err != nil {
				return n, err
			}
			n += len(out.Instances)
			if len(out.Instances) == 0 || int64(page*100) >= out.TotalCount {
				return n, nil
			}
		}
	}
	volcCall = func() (int, error) {
		n, token := 0, ""
		for {
			out, err := r.volc(token, 100)
			if err != nil {
				return n, err
			}
			n += len(out.Instances)
			if len(out.Instances) == 0 || out.NextToken == "" {
				return n, nil
			}
			token = out.NextToken
		}
	}
	qing = func() (int, error) {
		n := 0
		for {
			out, err := r.qing(n, 100)
			if err != nil {
				return n, err
			}
			n += len(out.InstanceSet)
			if len(out.InstanceSet) == 0 || int64(n) >= out.TotalCount {
				return n, nil
			}
		}
	}
	return jd, volcCall, qing
}

// iterators returns our typed iterators over every instance, items
// dropped, for the memory check.
func iterators(addr string) ([]namedSeq, error) {
	keys := credentials.Static(signer.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey})
	opts := func(endpoint string) []multicloud.Option {
		return []multicloud.Option{multicloud.WithEndpoint(endpoint), multicloud.WithInsecureHTTP(),
			multicloud.WithRateLimiter(ratelimit.Unlimited{})}
	}
	jc, err := vm.New(jdcloud.Config{Credentials: keys, Region: "cn-north-1"}, opts("http://"+addr)...)
	if err != nil {
		return nil, err
	}
	vc, err := ecs.New(volcengine.Config{Credentials: keys, Region: "cn-beijing"}, opts("http://"+addr)...)
	if err != nil {
		return nil, err
	}
	qc, err := iaas.New(qingcloud.Config{Credentials: keys, Zone: "pek3a"}, opts("http://"+addr+"/iaas/")...)
	if err != nil {
		return nil, err
	}
	return []namedSeq{
		{"jdcloud", func() iter.Seq2[struct{}, error] {
			return drop(jc.DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{PageSize: ptr(int64(100))}))
		}},
		{"volcengine", func() iter.Seq2[struct{}, error] {
			return drop(vc.DescribeInstancesAll(ctx, &ecs.DescribeInstancesInput{MaxResults: ptr(int64(100))}))
		}},
		{"qingcloud", func() iter.Seq2[struct{}, error] {
			return drop(qc.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{Limit: ptr(int64(100))}))
		}},
	}, nil
}

// drop forgets the items of seq.
func drop[T any](seq iter.Seq2[T, error]) iter.Seq2[struct{}, error] {
	return func(yield func(struct{}, error) bool) {
		for _, err := range seq {
			if !yield(struct{}{}, err) {
				return
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// count walks an iterator to its end and returns how many items it yielded,
// or the first error.
func count[T any](items iter.Seq2[T, error]) (int, error) {
	n := 0
	for _, err := range items {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
