package cloudtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/signer"
)

// NewJDCloud starts an emulator of JD Cloud's OpenAPI gateway. One server
// answers every service line: a client with an endpoint override sends
// {endpoint}/{version}{path}, so the server routes on the path and checks
// that the signature's scope names the service that owns it.
//
// It answers every operation of the typed JD Cloud packages (see the
// package documentation), and keeps state for vm instances
// (DescribeInstances, DescribeInstance, CreateInstances, StartInstance,
// StopInstance, DeleteInstance), vpc vpcs and subnets (DescribeVpcs,
// DescribeVpc, CreateVpc, DeleteVpc, DescribeSubnets, DescribeSubnet,
// CreateSubnet, DeleteSubnet), disk disks (CreateDisks, DescribeDisks,
// DescribeDisk, DeleteDisk) and vpc elastic IPs (CreateElasticIps,
// DescribeElasticIps, DescribeElasticIp, DeleteElasticIp).
func NewJDCloud(opts ...Option) *Server {
	cfg := config{
		creds: []signer.Credentials{{
			AccessKeyID:     "JDC_CLOUDTEST_ACCESS_KEY",
			SecretAccessKey: "JDC_CLOUDTEST_SECRET_KEY_not_a_real_secret",
		}},
		quota:   JDCloudQuota,
		skew:    5 * time.Minute,
		region:  "cn-north-1",
		regions: slices.Clone(jdRegions),
		zones:   slices.Clone(jdZones),
	}
	return newServer(cfg, opts, func(s *Server) provider {
		p := &jdcloud{s: s, regions: map[string]*jdRegion{}, nonces: map[string]time.Time{}}
		p.seed()
		return p
	})
}

// jdcloud is JD Cloud's wire protocol and resources.
type jdcloud struct {
	s       *Server
	regions map[string]*jdRegion // guarded by s.mu

	nonceMu sync.Mutex
	nonces  map[string]time.Time // accepted nonces and their dates
}

// jdRegion holds one region's resources, in creation order.
type jdRegion struct {
	instances []*jdInstance
	vpcs      []*jdVpc
	subnets   []*jdSubnet
	tokens    map[string][]string // CreateInstances clientToken -> instance ids
}

func (p *jdcloud) name() string     { return "jdcloud" }
func (p *jdcloud) basePath() string { return "" }

func (p *jdcloud) region(name string) *jdRegion {
	r := p.regions[name]
	if r == nil {
		r = &jdRegion{tokens: map[string][]string{}}
		p.regions[name] = r
	}
	return r
}

// jdRoute is a request matched to an API.
type jdRoute struct {
	service, action string
	region, id      string
	serve           func(p *jdcloud, in *incoming, rt *jdRoute) (any, error)
}

// jdCollections maps a collection under /regions/{regionId}/ to its service
// and its APIs by method, without and with a resource id. Custom actions
// ("{id}:startInstance") are keyed by their name.
var jdCollections = map[string]struct {
	service string
	apis    map[string]jdAPI
}{
	"instances": {"vm", map[string]jdAPI{
		"GET":                 {"DescribeInstances", (*jdcloud).describeInstances},
		"POST":                {"CreateInstances", (*jdcloud).createInstances},
		"GET {id}":            {"DescribeInstance", (*jdcloud).describeInstance},
		"DELETE {id}":         {"DeleteInstance", (*jdcloud).deleteInstance},
		"POST :startInstance": {"StartInstance", (*jdcloud).startInstance},
		"POST :stopInstance":  {"StopInstance", (*jdcloud).stopInstance},
	}},
	"vpcs": {"vpc", map[string]jdAPI{
		"GET":         {"DescribeVpcs", (*jdcloud).describeVpcs},
		"POST":        {"CreateVpc", (*jdcloud).createVpc},
		"GET {id}":    {"DescribeVpc", (*jdcloud).describeVpc},
		"DELETE {id}": {"DeleteVpc", (*jdcloud).deleteVpc},
	}},
	"subnets": {"vpc", map[string]jdAPI{
		"GET":         {"DescribeSubnets", (*jdcloud).describeSubnets},
		"POST":        {"CreateSubnet", (*jdcloud).createSubnet},
		"GET {id}":    {"DescribeSubnet", (*jdcloud).describeSubnet},
		"DELETE {id}": {"DeleteSubnet", (*jdcloud).deleteSubnet},
	}},
}

type jdAPI struct {
	action string
	serve  func(p *jdcloud, in *incoming, rt *jdRoute) (any, error)
}

// parse finds the operation the method and path name among every JD
// Cloud operation of the catalog, reads its parameters (path, query and
// JSON body as one flat set), and routes it to the emulated API that keeps
// state for it, or to the generic answer.
func (p *jdcloud) parse(in *incoming) {
	segs := strings.Split(strings.TrimPrefix(in.path, "/"), "/")
	for i, seg := range segs {
		d, err := url.PathUnescape(seg)
		if err != nil {
			return
		}
		segs[i] = d
	}
	if n := len(segs); n > 0 && segs[n-1] == "" {
		segs = segs[:n-1] // a trailing slash, as in /vpcs/
	}
	scope, _ := parseScopeAuthorization(in.r.Header.Get("Authorization"), jdAlgorithm)
	so, pathParams, ok := jdFindOp(in.r.Method, segs, scope.service)
	if !ok {
		return
	}
	in.spec, in.action, in.service = so, so.op.Name, so.svc.Signing()
	params, err := in.query()
	if err != nil {
		in.parseErr, params = err, flat{}
	}
	if len(bytes.TrimSpace(in.body)) > 0 {
		b, err := flattenJSON(in.body)
		if err != nil && in.parseErr == nil {
			in.parseErr = err
		}
		params.merge(b)
	}
	for k, v := range pathParams {
		delete(params, k)
		if v != "" {
			params[k] = []string{v}
		}
	}
	in.params = params
	rt := &jdRoute{service: in.service, action: in.action, region: pathParams["regionId"], serve: (*jdcloud).generic}
	if _, hasRegion := pathParams["regionId"]; !hasRegion {
		rt.region = "" // a global API: any signing region
	}
	in.route = rt
	if len(segs) < 4 || len(segs) > 5 || segs[0] != "v1" || segs[1] != "regions" {
		return
	}
	coll, ok := jdCollections[segs[3]]
	if !ok || coll.service != in.service {
		return
	}
	key := in.r.Method
	if len(segs) == 5 {
		var custom string
		rt.id, custom, _ = strings.Cut(segs[4], ":")
		if custom != "" {
			key += " :" + custom
		} else {
			key += " {id}"
		}
	}
	if api, ok := coll.apis[key]; ok && api.action == in.action {
		rt.serve = api.serve
	}
}

func (p *jdcloud) quotaKey(in *incoming) string { return in.accessKey + "/" + in.service }

// serve checks the call against its description and the known regions
// and zones, settles the region's transitions and runs the API.
func (p *jdcloud) serve(in *incoming) *reply {
	rt, _ := in.route.(*jdRoute)
	if rt == nil {
		return p.fail(in, &failure{kind: failUnknownAction,
			msg: "no API is found for " + in.r.Method + " " + in.path})
	}
	if in.parseErr != nil {
		return p.fail(in, asFailure(in.parseErr))
	}
	if f := checkInput(in.spec, in.params, nil); f != nil {
		return p.fail(in, f)
	}
	if rt.region != "" && !p.s.knownRegion(rt.region) {
		return p.fail(in, &failure{kind: failInvalid, msg: "regionId [" + rt.region + "] is not a valid region"})
	}
	if name, zone, bad := p.s.unknownZone(in.params); bad {
		return p.fail(in, &failure{kind: failInvalid, msg: name + " [" + zone + "] is not a valid availability zone"})
	}
	p.settle(rt.region, in.now)
	result, err := rt.serve(p, in, rt)
	if err != nil {
		return p.fail(in, asFailure(err))
	}
	if result == nil {
		result = struct{}{}
	}
	return p.ok(result)
}

// generic answers an operation the emulator keeps no state for.
func (p *jdcloud) generic(in *incoming, rt *jdRoute) (any, error) {
	if lc := lifecycleFor(catalog.JDCloud, in.spec); lc != nil {
		return p.s.serveLifecycle(lc, in, rt.region)
	}
	return p.s.genericOutput(in.spec, in.params, in.now), nil
}

// jdEnvelope is JD Cloud's answer: {"requestId", "result"} or
// {"error": {"message", "status", "code"}, "requestId"}.
type jdEnvelope struct {
	Error     *jdError `json:"error,omitempty"`
	RequestID string   `json:"requestId"`
	Result    any      `json:"result,omitempty"`
}

type jdError struct {
	Message string `json:"message"`
	Status  string `json:"status"`
	Code    int    `json:"code"`
}

func (p *jdcloud) requestID() string { return p.s.randString(32, lowerAlnum) }

func (p *jdcloud) ok(result any) *reply {
	id := p.requestID()
	body, _ := json.Marshal(jdEnvelope{RequestID: id, Result: result})
	return &reply{status: http.StatusOK, body: body, header: http.Header{"X-Jdcloud-Request-Id": {id}}}
}

// errorReply is JD Cloud's error envelope with an HTTP status and a
// documented status string.
func (p *jdcloud) errorReply(code int, status, msg string) *reply {
	id := p.requestID()
	body, _ := json.Marshal(jdEnvelope{RequestID: id, Error: &jdError{Message: msg, Status: status, Code: code}})
	return &reply{status: code, body: body, code: status, header: http.Header{"X-Jdcloud-Request-Id": {id}}}
}

func (p *jdcloud) fail(in *incoming, f *failure) *reply {
	switch f.kind {
	case failMissing:
		return p.errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", f.msg+" is required")
	case failNotFound:
		return p.errorReply(http.StatusNotFound, "NOT_FOUND", f.msg)
	case failState:
		return p.errorReply(http.StatusBadRequest, "FAILED_PRECONDITION", f.msg)
	case failUnknownAction:
		return p.errorReply(http.StatusNotImplemented, "NOT_IMPLEMENTED", f.msg)
	case failQuota:
		return p.errorReply(http.StatusTooManyRequests, "QUOTA_EXCEEDED", f.msg)
	case failBalance:
		return p.errorReply(http.StatusBadRequest, "FAILED_PRECONDITION", f.msg)
	}
	return p.errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", f.msg)
}

// throttle is JD Cloud's answer to a request over the rate limit.
func (p *jdcloud) throttle(*incoming) *reply {
	return p.errorReply(http.StatusTooManyRequests, "RATE_LIMIT", "request rate limit exceeded, please slow down")
}

func (p *jdcloud) serverError(_ *incoming, status int) *reply {
	switch status {
	case http.StatusServiceUnavailable:
		return p.errorReply(status, "UNAVAILABLE", "service unavailable, please retry later")
	case http.StatusBadGateway:
		return p.errorReply(status, "SOURCE_UNAVAILABLE", "source unavailable")
	}
	return p.errorReply(status, "INTERNAL", "internal error")
}

func (p *jdcloud) padded(*incoming) (prefix, suffix []byte) {
	return []byte(`{"requestId":"` + p.requestID() + `","result":{"padding":"`), []byte(`"}}`)
}

// jdInstanceTypes and jdImages are what seeded instances are made of.
var (
	jdInstanceTypes = []string{"g.n2.medium", "g.n2.large", "c.n2.xlarge", "m.n2.large"}
	jdImages        = []string{"img-centos79", "img-ubuntu2204", "img-rocky9"}
)

// seed creates WithInstances' running instances in the server's region, in
// a vpc and subnet of their own.
func (p *jdcloud) seed() {
	cfg := p.s.cfg
	if cfg.instances == 0 {
		return
	}
	now := cfg.now()
	created := isoTime(now)
	v := p.addVpc(cfg.region, created, "cloudtest-vpc", "10.0.0.0/16", "seeded by cloudtest")
	sub := p.addSubnet(cfg.region, created, v, "cloudtest-subnet", netip.MustParsePrefix("10.0.0.0/20"),
		"seeded by cloudtest", cfg.region+"a")
	r := p.region(cfg.region)
	for i := range cfg.instances {
		inst := p.newInstance(now, fmt.Sprintf("cloudtest-%03d", i+1), cfg.region+"a",
			jdInstanceTypes[i%len(jdInstanceTypes)], jdImages[i%len(jdImages)], sub)
		inst.Status = "running"
		inst.Tags = []jdTag{{Key: "env", Value: []string{"test", "prod"}[i%2]}}
		r.instances = append(r.instances, inst)
	}
}
