package cloudtest_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/jdcloud"
	jdlb "github.com/multicloud-go/multicloud/jdcloud/lb"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine"
	volcclb "github.com/multicloud-go/multicloud/volcengine/clb"
)

// This file calls every operation of every typed package once against the
// emulator, built from the catalog with its required fields, and expects a
// success; then the same call with a required field left out, and expects
// the provider's invalid-parameter error naming the field.

// opCaller sends one operation with the given parameters through the
// provider's generic call, and decodes the answer's result.
type opCaller func(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (map[string]any, error)

// sweepCloud is one provider's server and opCaller.
type sweepCloud struct {
	provider string
	start    func(...cloudtest.Option) *cloudtest.Server
	opCaller func(t *testing.T, s *cloudtest.Server) opCaller
	// missingCode checks the error code of a missing parameter.
	missingCode func(code string) bool
}

var sweepClouds = []sweepCloud{
	{
		provider: catalog.JDCloud, start: cloudtest.NewJDCloud,
		opCaller: func(t *testing.T, s *cloudtest.Server) opCaller {
			c := jdClient(t, s)
			return func(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (map[string]any, error) {
				req := &jdcloud.Request{Service: svc.Signing(), Version: op.Version, Method: op.Method, Path: op.Path,
					Action: op.Name, PathParams: map[string]string{}}
				body := map[string]any{}
				for k, v := range params {
					if f := op.InputField(k); f != nil && f.Location == catalog.LocationPath {
						req.PathParams[k] = fmt.Sprint(v)
					} else {
						body[k] = v
					}
				}
				req.Params = body
				var out map[string]any
				err := c.Call(ctx, req, &out)
				return out, err
			}
		},
		missingCode: func(code string) bool { return code == "INVALID_ARGUMENT" },
	},
	{
		provider: catalog.Volcengine, start: cloudtest.NewVolcengine,
		opCaller: func(t *testing.T, s *cloudtest.Server) opCaller {
			c := volcClient(t, s)
			return func(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (map[string]any, error) {
				req := &volcengine.Request{Service: svc.Signing(), Version: op.Version, Action: op.Name,
					Method: op.Method, Params: params}
				if op.BodyEncoding == catalog.BodyForm {
					req.ContentType = volcengine.ContentForm
				}
				var out map[string]any
				err := c.Call(ctx, req, &out)
				return out, err
			}
		},
		missingCode: func(code string) bool { return strings.HasPrefix(code, "MissingParameter") },
	},
	{
		provider: catalog.QingCloud, start: cloudtest.NewQingCloud,
		opCaller: func(t *testing.T, s *cloudtest.Server) opCaller {
			c := qcClient(t, s)
			return func(ctx context.Context, _ *catalog.Service, op *catalog.Operation, params map[string]any) (map[string]any, error) {
				var out map[string]any
				err := c.Call(ctx, &qingcloud.Request{Action: op.Name, Params: params}, &out)
				return out, err
			}
		},
		missingCode: func(code string) bool { return code == "1100" },
	},
}

// sweepOp is one operation to call.
type sweepOp struct {
	svc *catalog.Service
	op  *catalog.Operation
}

// phase orders the calls so that stateful resources exist when they are
// named: creations first, then reads and other changes, stops, starts,
// and deletions last.
func phase(name string) int {
	switch {
	case hasAnyPrefix(name, "Create", "Run", "Allocate"):
		return 0
	case strings.HasPrefix(name, "Stop"):
		return 2
	case strings.HasPrefix(name, "Start"):
		return 3
	case hasAnyPrefix(name, "Delete", "Terminate", "Release"):
		return 4
	}
	return 1
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}

// ids remembers what creations returned, by a normalized field name, so
// that later calls name resources that exist. A name may have several
// candidates (a generic creation and the stateful one both return an
// instance id); a call that fails tries the next one on its next pass.
type ids map[string][]string

// pick returns the attempt-th candidate for a field name, those the same
// service made first, the last one once they are used up.
func (m ids) pick(service, name string, attempt int) (string, bool) {
	c := append(append([]string(nil), m[service+"/"+norm(name)]...), m[norm(name)]...)
	if len(c) == 0 {
		return "", false
	}
	return c[min(attempt, len(c)-1)], true
}

// norm makes instanceIds, InstanceId, instance_id and instances one key.
func norm(name string) string {
	l := strings.ToLower(strings.ReplaceAll(name, "_", ""))
	l = strings.TrimSuffix(l, "s")
	if l == "id" {
		return l // vke's Id
	}
	return strings.TrimSuffix(l, "id")
}

func (m ids) harvest(service string, v map[string]any) {
	for k, x := range v {
		key := norm(k)
		if key == "" {
			continue
		}
		switch x := x.(type) {
		case string:
			if x != "" && strings.Contains(x, "-") {
				m[key] = append(m[key], x)
				m[service+"/"+key] = append(m[service+"/"+key], x)
			}
		case []any:
			if len(x) > 0 {
				if s, ok := x[0].(string); ok && strings.Contains(s, "-") {
					m[key] = append(m[key], s)
					m[service+"/"+key] = append(m[service+"/"+key], s)
				}
			}
		case map[string]any:
			m.harvest(service, x)
		}
	}
}

// builder makes the required parameters of an operation.
type builder struct {
	svc     *catalog.Service
	ids     ids
	attempt int
	region  string
	zone    string
	period  string // a billing month the server has bills for
}

// values a few stateful operations check the format of.
var knownValues = map[string]any{
	"addressPrefix":  "10.0.0.0/16",
	"login_mode":     "passwd",
	"login_passwd":   "Cloudtest-Passw0rd",
	"billing_mode":   "bandwidth",
	"volume_type":    0,
	"size":           20,
	"bandwidth":      1,
	"cpu":            1,
	"memory":         1024,
	"maxCount":       1,
	"instance_type":  "small_b",
	"InstanceTypeId": "ecs.g3i.large",
}

// alsoFill are optional inputs that stateful operations need in practice
// (the provider documents them as conditionally required).
var alsoFill = []string{"az", "ZoneId", "InstanceTypeId", "login_passwd", "instance_type", "instanceType", "imageId", "name"}

func (b *builder) fields(fields []catalog.Field, depth int) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		_, isID := b.ids.pick(b.svc.Name, f.WireName, 0)
		if !f.Required && !slices.Contains(alsoFill, f.WireName) && !(isID && depth == 0) {
			continue
		}
		out[f.WireName] = b.value(&f, f.Type, depth)
	}
	if len(out) == 0 && depth > 0 {
		// An object with no required member: send its first scalar, so
		// that it is on the wire at all (a query cannot carry {}).
		for _, f := range fields {
			if f.Type.Scalar() {
				out[f.WireName] = b.value(&f, f.Type, depth)
				break
			}
		}
	}
	return out
}

func (b *builder) value(f *catalog.Field, t catalog.TypeRef, depth int) any {
	switch t.Kind {
	case catalog.KindString:
		switch {
		case f != nil && knownValues[f.WireName] != nil:
			return knownValues[f.WireName]
		case f != nil && len(f.Enum) > 0:
			return f.Enum[0]
		case f != nil && (f.WireName == "regionId" || f.WireName == "RegionId"):
			return b.region
		case f != nil && slices.Contains([]string{"az", "azs", "ZoneId", "ZoneIds", "zone"}, f.WireName):
			return b.zone
		case f != nil && f.WireName == "BillPeriod":
			return b.period
		}
		if f != nil {
			if id, ok := b.ids.pick(b.svc.Name, f.WireName, b.attempt); ok {
				return id
			}
		}
		return "cloudtest-value"
	case catalog.KindInt64, catalog.KindFloat:
		if f != nil && len(f.Enum) > 0 {
			return f.Enum[0]
		}
		if f != nil && knownValues[f.WireName] != nil {
			return knownValues[f.WireName]
		}
		if f != nil && f.Min != "" {
			return f.Min
		}
		return 1
	case catalog.KindBool:
		return false
	case catalog.KindTime:
		return "2024-01-02T03:04:05Z"
	case catalog.KindList:
		if t.Elem == nil {
			return []any{}
		}
		if f != nil && t.Elem.Kind == catalog.KindString {
			if id, ok := b.ids.pick(b.svc.Name, f.WireName, b.attempt); ok {
				return []any{id}
			}
		}
		return []any{b.value(f, *t.Elem, depth+1)}
	case catalog.KindObject:
		if depth > 4 {
			return map[string]any{}
		}
		return b.fields(b.svc.Fields(t), depth+1)
	case catalog.KindMap:
		return map[string]any{"k": "v"}
	}
	return "cloudtest-value"
}

// operations lists every operation of a provider's services in call order.
func operations(t *testing.T, provider string) []sweepOp {
	cat := catalog.New()
	var ops []sweepOp
	for _, info := range cat.Services(provider) {
		svc, err := cat.Service(provider, info.Name)
		require.NoError(t, err)
		for i := range svc.Operations {
			ops = append(ops, sweepOp{svc: svc, op: &svc.Operations[i]})
		}
	}
	slices.SortStableFunc(ops, func(a, b sweepOp) int { return phase(a.op.Name) - phase(b.op.Name) })
	return ops
}

func TestEveryTypedOperationAnswers(t *testing.T) {
	for _, cloud := range sweepClouds {
		t.Run(cloud.provider, func(t *testing.T) {
			s := cloud.start(cloudtest.WithJobDelay(0), cloudtest.WithQuota(cloudtest.Quota{}))
			defer s.Close()
			call := cloud.opCaller(t, s)
			ctx := t.Context()
			ops := operations(t, cloud.provider)
			require.NotEmpty(t, ops)
			known := ids{}
			zone := s.Region() + "a"
			switch cloud.provider {
			case catalog.Volcengine:
				zone = s.Region() + "-a"
			case catalog.QingCloud:
				zone = s.Region()
			}

			// Each phase runs its calls in passes while one succeeds, so
			// that a creation needing another's id, or a deletion waiting
			// for a dependent one, gets its turn.
			failed := map[string]error{}
			attempts := map[string]int{}
			period := s.Now().UTC().Format("2006-01")
			for p := 0; p <= 4; p++ {
				var pending []sweepOp
				for _, o := range ops {
					if phase(o.op.Name) == p {
						pending = append(pending, o)
					}
				}
				for progress := true; progress && len(pending) > 0; {
					progress = false
					var again []sweepOp
					for _, o := range pending {
						name := o.svc.Name + "." + o.op.Name
						b := &builder{svc: o.svc, ids: known, attempt: attempts[name], region: s.Region(), zone: zone, period: period}
						out, err := call(ctx, o.svc, o.op, b.fields(o.op.Input, 0))
						if err != nil {
							failed[name] = err
							again = append(again, o)
							attempts[name]++
							if attempts[name] < 6 {
								progress = true // try the next candidate ids
							}
							continue
						}
						delete(failed, name)
						progress = true
						if p == 0 {
							known.harvest(o.svc.Name, out)
						}
						checkShape(t, name, o.svc, o.op, out)
					}
					pending = again
				}
			}
			for name, err := range failed {
				t.Errorf("%s: %v", name, err)
			}
			assert.Equal(t, len(ops), s.RequestCount("")-countFailedAttempts(s), "every operation was called")
			t.Logf("%d operations answered", len(ops))
		})
	}
}

// countFailedAttempts counts the requests answered with an error: the
// passes above retry those.
func countFailedAttempts(s *cloudtest.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if r.ErrorCode != "" {
			n++
		}
	}
	return n
}

// checkShape checks that the answer has every output field of the
// description, and that a list operation's items are a list.
func checkShape(t *testing.T, name string, svc *catalog.Service, op *catalog.Operation, out map[string]any) {
	t.Helper()
	for _, f := range op.Output {
		if _, ok := out[f.WireName]; !ok {
			t.Errorf("%s: the answer has no %s", name, f.WireName)
		}
	}
	if op.Paging == nil {
		return
	}
	items, ok := out[op.Paging.Items].([]any)
	if !ok {
		t.Errorf("%s: %s is %T, not a list", name, op.Paging.Items, out[op.Paging.Items])
		return
	}
	// An empty page is the last one: a zero total and no next token.
	if len(items) == 0 {
		if total, ok := out[op.Paging.Total].(float64); ok && total != 0 {
			t.Errorf("%s: an empty page with %s %v", name, op.Paging.Total, total)
		}
		if next, ok := out[op.Paging.NextToken].(string); ok && next != "" {
			t.Errorf("%s: an empty page with %s %q", name, op.Paging.NextToken, next)
		}
	}
}

// The typed iterators end on the generic answer's one empty page.
func TestIteratorsEndOnAnEmptyPage(t *testing.T) {
	ctx := t.Context()
	jd := cloudtest.NewJDCloud()
	defer jd.Close()
	lbs, err := jdlb.New(jdcloud.Config{Credentials: jd.CredentialsProvider(), Region: jd.Region()}, jd.ClientOptions()...)
	require.NoError(t, err)
	assert.Zero(t, drain(t, lbs.DescribeLoadBalancersAll(ctx, &jdlb.DescribeLoadBalancersInput{})))
	assert.Equal(t, 1, jd.RequestCount("DescribeLoadBalancers"))

	volc := cloudtest.NewVolcengine()
	defer volc.Close()
	clbs, err := volcclb.New(volcengine.Config{Credentials: volc.CredentialsProvider(), Region: volc.Region()}, volc.ClientOptions()...)
	require.NoError(t, err)
	assert.Zero(t, drain(t, clbs.DescribeLoadBalancersAll(ctx, &volcclb.DescribeLoadBalancersInput{})))
	assert.Equal(t, 1, volc.RequestCount("DescribeLoadBalancers"))

	qy := cloudtest.NewQingCloud()
	defer qy.Close()
	routers, err := iaas.New(qingcloud.Config{Credentials: qy.CredentialsProvider(), Zone: qy.Region()}, qy.ClientOptions()...)
	require.NoError(t, err)
	assert.Zero(t, drain(t, routers.DescribeRoutersAll(ctx, &iaas.DescribeRoutersInput{})))
	assert.Equal(t, 1, qy.RequestCount("DescribeRouters"))
}

func TestEveryRequiredFieldIsChecked(t *testing.T) {
	for _, cloud := range sweepClouds {
		t.Run(cloud.provider, func(t *testing.T) {
			s := cloud.start(cloudtest.WithJobDelay(0), cloudtest.WithQuota(cloudtest.Quota{}))
			defer s.Close()
			call := cloud.opCaller(t, s)
			ctx := t.Context()
			checked := 0
			for _, o := range operations(t, cloud.provider) {
				field := droppable(o.op)
				if field == "" {
					continue
				}
				b := &builder{svc: o.svc, ids: ids{}, region: s.Region(), zone: s.Region(), period: s.Now().UTC().Format("2006-01")}
				params := b.fields(o.op.Input, 0)
				delete(params, field)
				_, err := call(ctx, o.svc, o.op, params)
				name := o.svc.Name + "." + o.op.Name + " without " + field
				var e *mcerrors.Error
				if !assert.ErrorAs(t, err, &e, name) {
					continue
				}
				assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
				assert.True(t, cloud.missingCode(e.Code), "%s: code %s", name, e.Code)
				assert.Contains(t, e.Message, field, name)
				checked++
			}
			assert.Positive(t, checked)
			t.Logf("%d operations refuse a missing required field", checked)
		})
	}
}

// droppable is the first required input that a opCaller can leave out:
// not a path parameter (it changes the path, not the parameters), not the
// region or zone (the client fills them from its Config), not the
// idempotency token (the SDK fills it).
func droppable(op *catalog.Operation) string {
	for _, f := range op.Input {
		if !f.Required || f.Location == catalog.LocationPath || f.WireName == op.IdempotencyToken {
			continue
		}
		if slices.Contains([]string{"regionId", "zone"}, f.WireName) {
			continue
		}
		return f.WireName
	}
	return ""
}

func TestUnknownRegionsAndZones(t *testing.T) {
	ctx := t.Context()

	jd := cloudtest.NewJDCloud()
	defer jd.Close()
	c := jdClient(t, jd)
	err := c.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/cn-nroth-1/instances", Action: "DescribeInstances"}, nil)
	require.Error(t, err)
	// The signature names the client's region, the path another: the
	// gateway refuses the signature before it looks at the region.
	jdTypo, err := jdcloud.New(jdcloud.Config{Credentials: jd.CredentialsProvider(), Region: "cn-nroth-1"}, jd.ClientOptions()...)
	require.NoError(t, err)
	err = jdTypo.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, nil)
	e := apiError(t, err)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Equal(t, "INVALID_ARGUMENT", e.Code)
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
	assert.Contains(t, e.Message, "cn-nroth-1")

	err = c.Call(ctx, &jdcloud.Request{Service: "disk", Method: http.MethodPost, Path: "/regions/{regionId}/disks", Action: "CreateDisks",
		Params: map[string]any{"maxCount": 1, "clientToken": "t-1", "diskSpec": map[string]any{
			"az": "cn-north-1z", "name": "d", "diskType": "ssd", "diskSizeGB": 20}}}, nil)
	e = apiError(t, err)
	assert.Equal(t, "INVALID_ARGUMENT", e.Code)
	assert.Contains(t, e.Message, "diskSpec.az")

	volc := cloudtest.NewVolcengine()
	defer volc.Close()
	vTypo, err := volcengine.New(volcengine.Config{Credentials: volc.CredentialsProvider(), Region: "cn-bejing"}, volc.ClientOptions()...)
	require.NoError(t, err)
	err = vTypo.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "DescribeInstances"}, nil)
	e = apiError(t, err)
	assert.Equal(t, "InvalidRegion.NotFound", e.Code)
	assert.Contains(t, e.Message, "cn-bejing")
	vc := volcClient(t, volc)
	err = vc.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
		Params: map[string]any{"ZoneId": "cn-bejing-a", "ImageId": "image-1", "InstanceName": "x", "InstanceTypeId": "ecs.g3i.large"}}, nil)
	e = apiError(t, err)
	assert.Equal(t, "InvalidZone.NotFound", e.Code)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	err = vc.Call(ctx, &volcengine.Request{Service: "redis", Version: "2020-12-07", Action: "DescribeDBInstances",
		Params: map[string]any{"RegionId": "cn-shanghia"}}, nil)
	assert.Equal(t, "InvalidRegion.NotFound", apiError(t, err).Code)
	assert.Empty(t, volc.Resources(cloudtest.KindInstance), "nothing was created")

	qy := cloudtest.NewQingCloud()
	defer qy.Close()
	qc := qcClient(t, qy)
	err = qc.Call(ctx, &qingcloud.Request{Action: "DescribeInstances", Zone: "pek3z"}, nil)
	e = apiError(t, err)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Equal(t, "1100", e.Code)
	assert.Contains(t, e.Message, "pek3z")

	// A test may add codes of its own.
	more := cloudtest.NewQingCloud(cloudtest.WithZones("pek9a"))
	defer more.Close()
	require.NoError(t, qcClient(t, more).Call(ctx, &qingcloud.Request{Action: "DescribeInstances", Zone: "pek9a"}, nil))
	jdMore := cloudtest.NewJDCloud(cloudtest.WithRegions("cn-test-1"))
	defer jdMore.Close()
	jdc, err := jdcloud.New(jdcloud.Config{Credentials: jdMore.CredentialsProvider(), Region: "cn-test-1"}, jdMore.ClientOptions()...)
	require.NoError(t, err)
	require.NoError(t, jdc.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, nil))
}

// A value of the wrong type, or outside an enumeration, is refused with
// the provider's invalid-parameter error naming the parameter, on every
// operation that has such an input (the first of each operation).
func TestTypesAndEnumsAreChecked(t *testing.T) {
	for _, cloud := range sweepClouds {
		t.Run(cloud.provider, func(t *testing.T) {
			s := cloud.start(cloudtest.WithJobDelay(0), cloudtest.WithQuota(cloudtest.Quota{}))
			defer s.Close()
			call := cloud.opCaller(t, s)
			ctx := t.Context()
			var types, enums int
			for _, o := range operations(t, cloud.provider) {
				for _, f := range o.op.Input {
					if f.Location == catalog.LocationPath || f.WireName == "zone" || f.WireName == "regionId" || f.WireName == "RegionId" {
						continue
					}
					var bad any
					switch {
					case len(f.Enum) > 0 && f.Type.Kind == catalog.KindString && !slices.Contains(f.Enum, "not-a-documented-value"):
						bad = "not-a-documented-value"
						enums++
					case f.Type.Kind == catalog.KindInt64 && len(f.Enum) == 0 && types < 200:
						bad = "twelve"
						types++
					default:
						continue
					}
					b := &builder{svc: o.svc, ids: ids{}, region: s.Region(), zone: s.Region(), period: s.Now().UTC().Format("2006-01")}
					params := b.fields(o.op.Input, 0)
					params[f.WireName] = bad
					_, err := call(ctx, o.svc, o.op, params)
					name := o.svc.Name + "." + o.op.Name + " " + f.WireName
					var e *mcerrors.Error
					if assert.ErrorAs(t, err, &e, name) {
						assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
						assert.Contains(t, e.Message, f.WireName, name)
					}
					break
				}
			}
			t.Logf("%d enumerated and %d typed inputs refused a bad value", enums, types)
			assert.Positive(t, types)
		})
	}
}

// drain walks an iterator to its end, failing the test on an error, and
// returns how many items it yielded.
func drain[T any](t *testing.T, items iter.Seq2[T, error]) int {
	t.Helper()
	n := 0
	for _, err := range items {
		require.NoError(t, err)
		n++
	}
	return n
}
