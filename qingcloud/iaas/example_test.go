package iaas_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/signer"
)

// fakeQingCloud answers DescribeInstances with three instances, RunInstances
// with a job, and DescribeJobs with that job done.
func fakeQingCloud() *httptest.Server {
	return fakeServer(func(r *http.Request) string {
		switch r.URL.Query().Get("action") {
		case "DescribeInstances":
			return `{"action":"DescribeInstancesResponse","ret_code":0,"total_count":3,"instance_set":[
				{"instance_id":"i-a","status":"running","eip":{"eip_addr":"121.201.5.5","bandwidth":"50"}},
				{"instance_id":"i-b","status":"stopped"},{"instance_id":"i-c","status":"running"}]}`
		case "RunInstances":
			return `{"action":"RunInstancesResponse","ret_code":0,"instances":["i-new"],"job_id":"j-1"}`
		case "DescribeJobs":
			return `{"action":"DescribeJobsResponse","ret_code":0,"total_count":1,"job_set":[{"job_id":"j-1","job_action":"RunInstances","status":"successful"}]}`
		}
		return `{"ret_code":1100,"message":"unknown action"}`
	})
}

func ExampleClient_DescribeInstancesAll() {
	srv := fakeQingCloud()
	defer srv.Close()

	c, err := iaas.New(qingcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Zone:        "pek3a",
		Endpoint:    srv.URL + "/iaas/",
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	for inst, err := range c.DescribeInstancesAll(context.Background(), &iaas.DescribeInstancesInput{Status: []string{"running", "stopped"}}) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(inst.InstanceID, inst.Status, inst.Eip.Bandwidth)
	}
	// Output:
	// i-a running 50
	// i-b stopped 0
	// i-c running 0
}

func ExampleClient_WaitJob() {
	srv := fakeQingCloud()
	defer srv.Close()

	c, err := iaas.New(qingcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Zone:        "pek3a",
		Endpoint:    srv.URL + "/iaas/",
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	run, err := c.RunInstances(ctx, &iaas.RunInstancesInput{ImageID: "centos64x64", LoginMode: "keypair"})
	if err != nil {
		panic(err)
	}
	job, err := c.WaitJob(ctx, run.JobID)
	if err != nil {
		panic(err)
	}
	fmt.Println(run.Instances, job.JobAction, job.Status)
	// Output: [i-new] RunInstances successful
}

// fakeServer stands in for the provider's endpoint in this example: it
// answers every request with the JSON body that answer returns. A program
// leaves Config.Endpoint empty and talks to the real API.
func fakeServer(answer func(r *http.Request) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer(r))
	}))
}
