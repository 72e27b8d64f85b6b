package cloudtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// A QingCloud RunInstances returns a job; the job, and the instance's
// creation, complete after the server's job delay. A Clock moves time on
// without sleeping.
func ExampleNewQingCloud() {
	clock := cloudtest.NewClock(time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC))
	s := cloudtest.NewQingCloud(cloudtest.WithClock(clock.Now))
	defer s.Close()

	c, err := qingcloud.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()}, s.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	var run struct {
		Instances []string `json:"instances"`
		JobID     string   `json:"job_id"`
	}
	err = c.Call(ctx, &qingcloud.Request{Action: "RunInstances", Params: map[string]any{
		"image_id": "centos79x64a", "instance_type": "small_b", "login_mode": "keypair", "login_keypair": "kp-demo",
	}}, &run)
	if err != nil {
		log.Fatal(err)
	}
	report := func() {
		var jobs struct {
			JobSet []struct {
				Status string `json:"status"`
			} `json:"job_set"`
		}
		var insts struct {
			InstanceSet []struct {
				Status           string `json:"status"`
				TransitionStatus string `json:"transition_status"`
			} `json:"instance_set"`
		}
		if err := c.Call(ctx, &qingcloud.Request{Action: "DescribeJobs", Params: map[string]any{"jobs": []string{run.JobID}}}, &jobs); err != nil {
			log.Fatal(err)
		}
		if err := c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances", Params: map[string]any{"instances": run.Instances}}, &insts); err != nil {
			log.Fatal(err)
		}
		i := insts.InstanceSet[0]
		fmt.Printf("job %s, instance %s %q\n", jobs.JobSet[0].Status, i.Status, i.TransitionStatus)
	}
	report()
	clock.Advance(cloudtest.DefaultJobDelay)
	report()
	// Output:
	// job pending, instance pending "creating"
	// job successful, instance running ""
}

// A JD Cloud server with seeded instances pages them as JD Cloud does:
// pageNumber from 1, pageSize 10 to 100, totalCount on every page.
func ExampleNewJDCloud() {
	s := cloudtest.NewJDCloud(cloudtest.WithInstances(25))
	defer s.Close()

	c, err := jdcloud.New(jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, s.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	for page := 1; ; page++ {
		var out struct {
			Instances  []struct{} `json:"instances"`
			TotalCount int        `json:"totalCount"`
		}
		err := c.Call(context.Background(), &jdcloud.Request{
			Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances",
			Params: map[string]any{"pageNumber": page, "pageSize": 10},
		}, &out)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d of %d\n", page, len(out.Instances), out.TotalCount)
		if page*10 >= out.TotalCount {
			break
		}
	}
	// Output:
	// page 1: 10 of 25
	// page 2: 10 of 25
	// page 3: 5 of 25
}

// A Volcengine server holds seeded bills for the last three months.
func ExampleNewVolcengine() {
	s := cloudtest.NewVolcengine(cloudtest.WithBills(12))
	defer s.Close()

	c, err := volcengine.New(volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, s.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	var bills struct {
		List  []struct{ Product, PayableAmount string }
		Total int
	}
	err = c.Call(context.Background(), &volcengine.Request{
		Service: "billing", Version: "2022-01-01", Action: "ListBill", Method: http.MethodPost,
		Params: map[string]any{"BillPeriod": s.Now().UTC().Format("2006-01"), "Limit": 5, "NeedRecordNum": 1},
	}, &bills)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d of %d bills this month\n", len(bills.List), bills.Total)
	// Output:
	// 5 of 12 bills this month
}

// Injected faults reach the client as the provider's own answers, so its
// retries and typed errors can be tested.
func ExampleServer_Inject() {
	s := cloudtest.NewJDCloud()
	defer s.Close()
	fast := multicloud.WithRetry(multicloud.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, ThrottleBaseDelay: time.Millisecond})
	c, err := jdcloud.New(jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()},
		append(s.ClientOptions(), fast)...)
	if err != nil {
		log.Fatal(err)
	}
	describe := &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}

	// Two throttled answers, then the third attempt succeeds.
	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: 2})
	err = c.Call(context.Background(), describe, nil)
	fmt.Println("error:", err, "- requests:", s.RequestCount("DescribeInstances"))

	// Throttled for good: the client gives up with a typed error.
	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: -1})
	err = c.Call(context.Background(), describe, nil)
	var e *mcerrors.Error
	if errors.As(err, &e) {
		fmt.Println(errors.Is(err, mcerrors.ErrThrottled), e.Code, e.StatusCode, e.Attempts)
	}
	// Output:
	// error: <nil> - requests: 3
	// true RATE_LIMIT 429 3
}

// A Volcengine instance goes through CREATING to RUNNING on the server's
// clock, and the SDK's waiter sees it; the server's records say what the
// test did and what it holds. A misspelt zone is refused as the cloud
// refuses it.
func ExampleServer_Resources() {
	clock := cloudtest.NewClock(time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC))
	s := cloudtest.NewVolcengine(cloudtest.WithClock(clock.Now), cloudtest.WithJobDelay(30*time.Second))
	defer s.Close()
	c, err := volcengine.New(volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, s.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	run := func(zone string) error {
		return c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
			Params: map[string]any{"ZoneId": zone, "ImageId": "image-ubuntu2204", "InstanceName": "web",
				"InstanceTypeId": "ecs.g3i.large"}}, nil)
	}

	var e *mcerrors.Error
	if errors.As(run("cn-bejing-a"), &e) {
		fmt.Println("misspelt zone:", e.Code)
	}
	if err := run("cn-beijing-a"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Resources(cloudtest.KindInstance)[0].Status)
	clock.Advance(30 * time.Second)
	fmt.Println(s.Resources(cloudtest.KindInstance)[0].Status)
	calls := s.Calls("RunInstances")
	fmt.Println(len(calls), "calls, the last in", calls[1].Params["ZoneId"][0])
	// Output:
	// misspelt zone: InvalidZone.NotFound
	// CREATING
	// RUNNING
	// 2 calls, the last in cn-beijing-a
}
