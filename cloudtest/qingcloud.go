package cloudtest

import (
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/multicloud-go/multicloud/signer"
)

// NewQingCloud starts an emulator of QingCloud's IaaS API at /iaas/ (and
// /iaas). Every answer is HTTP 200 with a ret_code, as QingCloud's are.
//
// It answers every action of the typed iaas package (see the package
// documentation), and keeps state for instances (RunInstances, DescribeInstances,
// TerminateInstances, StartInstances, StopInstances), volumes
// (CreateVolumes, DescribeVolumes, DeleteVolumes), EIPs (AllocateEips,
// DescribeEips, ReleaseEips) and jobs (DescribeJobs). Delayed actions
// return a job_id; the job and the resources' transitions complete
// WithJobDelay after the call on the server's clock: a new instance is
// pending with transition_status "creating", then running with "".
func NewQingCloud(opts ...Option) *Server {
	cfg := config{
		creds: []signer.Credentials{{
			AccessKeyID:     "QYCLOUDTESTACCESSKEY",
			SecretAccessKey: "CLOUDTESTSECRETACCESSKEYnotarealsecret",
		}},
		quota:   QingCloudQuota,
		skew:    60 * time.Second,
		region:  "pek3a",
		regions: slices.Clone(qcZones),
		zones:   slices.Clone(qcZones),
	}
	return newServer(cfg, opts, func(s *Server) provider {
		p := &qingcloud{s: s, zones: map[string]*qcZone{}}
		p.seed()
		return p
	})
}

// qingcloud is QingCloud's wire protocol and resources.
type qingcloud struct {
	s     *Server
	zones map[string]*qcZone // guarded by s.mu
}

// qcZone holds one zone's resources, in creation order.
type qcZone struct {
	instances []*qcInstance
	volumes   []*qcVolume
	eips      []*qcEip
	jobs      []*qcJob
}

func (p *qingcloud) name() string     { return "qingcloud" }
func (p *qingcloud) basePath() string { return "/iaas/" }

func (p *qingcloud) zone(name string) *qcZone {
	z := p.zones[name]
	if z == nil {
		z = &qcZone{}
		p.zones[name] = z
	}
	return z
}

// qcAPI is one emulated action; it runs with the zone settled.
type qcAPI func(p *qingcloud, in *incoming, z *qcZone) (map[string]any, error)

var qcActions = map[string]qcAPI{
	"RunInstances":       (*qingcloud).runInstances,
	"DescribeInstances":  (*qingcloud).describeInstances,
	"TerminateInstances": (*qingcloud).terminateInstances,
	"StartInstances":     (*qingcloud).startInstances,
	"StopInstances":      (*qingcloud).stopInstances,
	"CreateVolumes":      (*qingcloud).createVolumes,
	"DescribeVolumes":    (*qingcloud).describeVolumes,
	"DeleteVolumes":      (*qingcloud).deleteVolumes,
	"AllocateEips":       (*qingcloud).allocateEips,
	"DescribeEips":       (*qingcloud).describeEips,
	"ReleaseEips":        (*qingcloud).releaseEips,
	"DescribeJobs":       (*qingcloud).describeJobs,
}

// qcPathOK marks a request to the API's path.
type qcPathOK struct{}

// parse reads the parameters from the query and, for a POST, the form
// body.
func (p *qingcloud) parse(in *incoming) {
	if in.path != "/iaas/" && in.path != "/iaas" {
		return
	}
	in.route = qcPathOK{}
	q, err := parseFlatQuery(in.r.URL.RawQuery)
	if err != nil {
		in.parseErr, q = err, flat{}
	}
	mt, _, _ := mime.ParseMediaType(in.r.Header.Get("Content-Type"))
	if in.r.Method == http.MethodPost && mt == "application/x-www-form-urlencoded" {
		b, err := parseFlatQuery(string(in.body))
		if err != nil && in.parseErr == nil {
			in.parseErr = err
		}
		q.merge(b)
	}
	in.params = q
	in.action = q.str("action")
	in.spec = qcOp(in.action)
}

func (p *qingcloud) quotaKey(in *incoming) string { return in.accessKey }

// serve checks the call against its description and the known zones, then
// runs the emulated API that keeps state for it, or answers with the
// output's shape (and a job, for a delayed action).
func (p *qingcloud) serve(in *incoming) *reply {
	if in.parseErr != nil {
		return p.fail(in, asFailure(in.parseErr))
	}
	if in.action == "" {
		return p.fail(in, missingParam("action"))
	}
	api, emulated := qcActions[in.action]
	if !emulated && in.spec.op == nil {
		return p.fail(in, &failure{kind: failUnknownAction, msg: "action [" + in.action + "] is not valid"})
	}
	zone := in.params.str("zone")
	if zone == "" {
		return p.fail(in, missingParam("zone"))
	}
	if !p.s.knownRegion(zone) && !p.s.knownZone(zone) {
		return p.fail(in, invalidf("zone [%s] is not a valid zone", zone))
	}
	if in.spec.op != nil {
		if f := checkInput(in.spec, in.params, nil); f != nil {
			return p.fail(in, f)
		}
	}
	z := p.zone(zone)
	p.settle(z, in.now)
	if !emulated {
		api = (*qingcloud).generic
	}
	out, err := api(p, in, z)
	if err != nil {
		return p.fail(in, asFailure(err))
	}
	out["action"] = in.action + "Response"
	out["ret_code"] = 0
	body, _ := json.Marshal(out)
	return &reply{status: http.StatusOK, body: body}
}

// generic answers an action the emulator keeps no state for; a job_id in
// its output is a job that completes after the job delay.
func (p *qingcloud) generic(in *incoming, z *qcZone) (map[string]any, error) {
	out := p.s.genericOutput(in.spec, in.params, in.now)
	if _, ok := out["job_id"]; ok {
		out["job_id"] = p.newJob(z, in, nil).JobID
	}
	return out, nil
}

// qcError is QingCloud's error answer, always with HTTP 200 from the API
// itself: {"message": "Type, detail", "ret_code": N}.
type qcError struct {
	Message string `json:"message"`
	RetCode int    `json:"ret_code"`
}

func (p *qingcloud) errorReply(status, retCode int, msg string) *reply {
	body, _ := json.Marshal(qcError{Message: msg, RetCode: retCode})
	return &reply{status: status, body: body, code: strconv.Itoa(retCode)}
}

func (p *qingcloud) fail(in *incoming, f *failure) *reply {
	if _, ok := in.route.(qcPathOK); !ok {
		return htmlPage(http.StatusNotFound)
	}
	switch f.kind {
	case failMissing:
		return p.errorReply(http.StatusOK, 1100, "MissingParameter, the parameter ["+f.msg+"] is required")
	case failNotFound:
		return p.errorReply(http.StatusOK, 2100, "ResourceNotFound, "+f.msg)
	case failState:
		return p.errorReply(http.StatusOK, 1400, "PermissionDenied, "+f.msg)
	case failUnknownAction:
		return p.errorReply(http.StatusOK, 1100, "InvalidAction, "+f.msg)
	case failQuota:
		return p.errorReply(http.StatusOK, 2500, "QuotaExceeded, "+f.msg)
	case failBalance:
		return p.errorReply(http.StatusOK, 2400, "InsufficientBalance, "+f.msg)
	}
	return p.errorReply(http.StatusOK, 1100, "InvalidParameterValue, "+f.msg)
}

// qcThrottleMessage is the server's answer to too many requests, as
// reported in QingCloudAppcenter/QKE issue #257.
const qcThrottleMessage = "QuotasExceeded, access too frequently, your requests will be rejected for a period of time"

func (p *qingcloud) throttle(*incoming) *reply {
	return p.errorReply(http.StatusOK, 2500, qcThrottleMessage)
}

func (p *qingcloud) serverError(_ *incoming, status int) *reply {
	if status == http.StatusServiceUnavailable {
		return p.errorReply(status, 5100, "ServerBusy, the server is busy, please retry later")
	}
	return p.errorReply(status, 5000, "InternalError, an internal error occurred, please retry later")
}

func (p *qingcloud) padded(in *incoming) (prefix, suffix []byte) {
	action, _ := json.Marshal(in.action + "Response")
	return []byte(`{"action":` + string(action) + `,"ret_code":0,"padding":"`), []byte(`"}`)
}

// qcPage reads offset and limit: limit defaults to 20 and is capped at
// maxLimit (100 on QingCloud), as the server does.
func qcPage(q flat, n, maxLimit int) (start, end int, err error) {
	offset, err := q.integer("offset", 0)
	if err != nil {
		return 0, 0, err
	}
	limit, err := q.integer("limit", qcDefaultLimit)
	if err != nil {
		return 0, 0, err
	}
	if offset < 0 || limit < 0 {
		return 0, 0, invalidf("offset and limit must not be negative")
	}
	if limit == 0 {
		limit = qcDefaultLimit
	}
	start, end = window(n, offset, min(limit, maxLimit))
	return start, end, nil
}

// QingCloud's paging: limit defaults to 20, at most 100.
const (
	qcDefaultLimit = 20
	qcMaxLimit     = 100
)

// listPage answers a describe call: the page of items under key, at most
// maxLimit of them, and total_count.
func listPage[T any](q flat, key string, items []T, maxLimit int) (map[string]any, error) {
	start, end, err := qcPage(q, len(items), maxLimit)
	if err != nil {
		return nil, err
	}
	return map[string]any{key: append([]T{}, items[start:end]...), "total_count": len(items)}, nil
}
