package cloudtest

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/signer"
)

// NewVolcengine starts an emulator of Volcengine's OpenAPI gateway
// (open.volcengineapi.com). The service is the one the signature's scope
// names, as on the universal endpoint.
//
// It answers every operation of the typed Volcengine packages (see the
// package documentation), and keeps state for billing 2022-01-01 ListBill,
// ListBillDetail and QueryBalanceAcct over seeded bills (WithBills), ecs
// 2020-04-01 instances (RunInstances, DescribeInstances over seeded and
// created instances, StartInstance(s), StopInstance(s), DeleteInstance(s)),
// storage_ebs volumes (CreateVolume, DescribeVolumes, DeleteVolume) and vpc
// EIPs (AllocateEipAddress, DescribeEipAddresses,
// DescribeEipAddressAttributes, ReleaseEipAddress). Parameters may come in
// the query, a form body or a JSON body, as the gateway accepts.
func NewVolcengine(opts ...Option) *Server {
	cfg := config{
		creds: []signer.Credentials{{
			AccessKeyID:     "AKLTCLOUDTESTACCESSKEY",
			SecretAccessKey: "Q0xPVURURVNUU0VDUkVUS0VZbm90YXJlYWxzZWNyZXQ=",
		}},
		quota:   VolcengineQuota,
		skew:    15 * time.Minute,
		region:  "cn-beijing",
		regions: slices.Clone(volcRegions),
		zones:   slices.Clone(volcZones),
	}
	return newServer(cfg, opts, func(s *Server) provider {
		p := &volcengine{s: s}
		p.seedBills()
		p.seedInstances()
		return p
	})
}

// volcengine is Volcengine's wire protocol and resources.
type volcengine struct {
	s         *Server
	bills     []*volcBill       // guarded by s.mu
	details   []*volcBillDetail // guarded by s.mu
	instances []*volcInstance   // guarded by s.mu
}

func (p *volcengine) name() string     { return "volcengine" }
func (p *volcengine) basePath() string { return "" }

// volcAPI is one emulated action.
type volcAPI func(p *volcengine, in *incoming) (any, error)

// volcServices maps service, version and action to the emulated API.
var volcServices = map[string]map[string]map[string]volcAPI{
	"billing": {"2022-01-01": {
		"ListBill":         (*volcengine).listBill,
		"ListBillDetail":   (*volcengine).listBillDetail,
		"QueryBalanceAcct": (*volcengine).queryBalanceAcct,
	}},
	"ecs": {"2020-04-01": {
		"DescribeInstances": (*volcengine).describeInstances,
		"RunInstances":      (*volcengine).runInstances,
		"StartInstance":     (*volcengine).startInstance,
		"StartInstances":    (*volcengine).startInstances,
		"StopInstance":      (*volcengine).stopInstance,
		"StopInstances":     (*volcengine).stopInstances,
		"DeleteInstance":    (*volcengine).deleteInstance,
		"DeleteInstances":   (*volcengine).deleteInstances,
	}},
}

// parse reads Action and Version from the query and the parameters from
// the query and the body; the service comes from the signature's scope.
func (p *volcengine) parse(in *incoming) {
	q, err := parseFlatQuery(in.r.URL.RawQuery)
	if err != nil {
		in.parseErr = err
		q = flat{}
	}
	in.action, in.version = q.str("Action"), q.str("Version")
	delete(q, "Action")
	delete(q, "Version")
	if a, ok := parseScopeAuthorization(in.r.Header.Get("Authorization"), volcAlgorithm); ok {
		in.service, in.region = a.service, a.region
	}
	if len(bytes.TrimSpace(in.body)) > 0 {
		var b flat
		mt, _, _ := mime.ParseMediaType(in.r.Header.Get("Content-Type"))
		switch {
		case mt == "application/json" || mt == "" && bytes.HasPrefix(bytes.TrimSpace(in.body), []byte("{")):
			b, err = flattenJSON(in.body)
		default:
			b, err = parseFlatQuery(string(in.body))
		}
		if err != nil && in.parseErr == nil {
			in.parseErr = err
		}
		q.merge(b)
	}
	in.params = q
	in.spec, _ = volcOp(in.service, in.version, in.action)
}

func (p *volcengine) quotaKey(in *incoming) string {
	return in.accessKey + "/" + in.service + "/" + in.action
}

// serve checks the call against its description and the known regions
// and zones, then runs the emulated API that keeps state for it, or
// answers with the output's shape.
func (p *volcengine) serve(in *incoming) *reply {
	if in.action == "" {
		return p.fail(in, missingParam("Action"))
	}
	if in.version == "" {
		return p.fail(in, missingParam("Version"))
	}
	api, emulated := volcServices[in.service][in.version][in.action]
	_, serviceKnown := volcOp(in.service, in.version, in.action)
	switch {
	case !serviceKnown && !emulated:
		return p.fail(in, &failure{kind: failUnknownAction, code: "ServiceNotFound",
			msg: "Could not find service " + in.service})
	case in.spec.op == nil && !emulated:
		return p.fail(in, &failure{kind: failUnknownAction,
			msg: "Could not find operation " + in.action + " for version " + in.version})
	}
	if in.parseErr != nil {
		return p.fail(in, asFailure(in.parseErr))
	}
	for _, r := range append([]string{in.region}, in.params["RegionId"]...) {
		if !p.s.knownRegion(r) {
			return p.fail(in, &failure{kind: failNotFound, code: "InvalidRegion.NotFound",
				msg: "The specified region " + r + " does not exist."})
		}
	}
	if in.spec.op != nil {
		if f := checkInput(in.spec, in.params, nil); f != nil {
			if f.kind == failMissing {
				f.code = "MissingParameter." + f.msg
			}
			return p.fail(in, f)
		}
	}
	if name, zone, bad := p.s.unknownZone(in.params); bad {
		return p.fail(in, &failure{kind: failNotFound, code: "InvalidZone.NotFound",
			msg: "The specified zone " + zone + " (" + name + ") does not exist."})
	}
	if !emulated {
		api = func(p *volcengine, in *incoming) (any, error) {
			if lc := lifecycleFor(catalog.Volcengine, in.spec); lc != nil {
				return p.s.serveLifecycle(lc, in, in.region)
			}
			return p.s.genericOutput(in.spec, in.params, in.now), nil
		}
	}
	result, err := api(p, in)
	if err != nil {
		return p.fail(in, asFailure(err))
	}
	return p.envelope(in, http.StatusOK, nil, result)
}

// volcEnvelope is Volcengine's answer: ResponseMetadata, with Error on a
// failure, and Result on a success.
type volcEnvelope struct {
	ResponseMetadata volcMetadata
	Result           any `json:",omitempty"`
}

type volcMetadata struct {
	RequestID string `json:"RequestId"`
	Action    string
	Version   string
	Service   string
	Region    string
	Error     *volcError `json:",omitempty"`
}

type volcError struct {
	CodeN   int `json:",omitempty"`
	Code    string
	Message string
}

// requestID is shaped like Volcengine's: a UTC time stamp and 20 hex
// digits.
func (p *volcengine) requestID(now time.Time) string {
	return now.UTC().Format("20060102150405") + p.s.randString(20, upperHex)
}

func (p *volcengine) envelope(in *incoming, status int, e *volcError, result any) *reply {
	md := volcMetadata{
		RequestID: p.requestID(in.now), Action: in.action, Version: in.version,
		Service: in.service, Region: in.region, Error: e,
	}
	body, _ := json.Marshal(volcEnvelope{ResponseMetadata: md, Result: result})
	rep := &reply{status: status, body: body}
	if e != nil {
		rep.code = e.Code
	}
	return rep
}

// errorReply is a gateway or service error: Code, its CodeN (0 for none)
// and HTTP status.
func (p *volcengine) errorReply(in *incoming, status int, code string, codeN int, msg string) *reply {
	return p.envelope(in, status, &volcError{CodeN: codeN, Code: code, Message: msg}, nil)
}

func (p *volcengine) fail(in *incoming, f *failure) *reply {
	switch f.kind {
	case failMissing:
		if f.code != "" { // a parameter of the action, as the services report it
			return p.errorReply(in, http.StatusBadRequest, f.code, 0, "The required parameter "+f.msg+" is not supplied.")
		}
		return p.errorReply(in, http.StatusBadRequest, "MissingParameter", 100002,
			"The request must contain the parameter "+f.msg)
	case failBalance:
		return p.errorReply(in, http.StatusForbidden, "AccountOverdueError", 0,
			"The request failed because your account has an overdue balance.")
	case failNotFound:
		return p.errorReply(in, http.StatusNotFound, orCode(f.code, "NotFound"), 0, f.msg)
	case failState:
		return p.errorReply(in, http.StatusConflict, orCode(f.code, "OperationDenied.InvalidStatus"), 0, f.msg)
	case failUnknownAction:
		if f.code == "ServiceNotFound" {
			return p.errorReply(in, http.StatusNotFound, f.code, 100007, f.msg)
		}
		return p.errorReply(in, http.StatusNotFound, "InvalidActionOrVersion", 100008, f.msg)
	}
	return p.errorReply(in, http.StatusBadRequest, orCode(f.code, "InvalidParameter"), 0, f.msg)
}

func orCode(code, def string) string {
	if code != "" {
		return code
	}
	return def
}

// throttle is the gateway's flow-limit answer. The code is what
// Volcengine's own Terraform provider matches; the status is an
// assumption (the docs do not give it).
func (p *volcengine) throttle(in *incoming) *reply {
	return p.errorReply(in, http.StatusTooManyRequests, "FlowLimitExceeded", 100018,
		"Request was denied due to flow limit exceeded, please retry later")
}

func (p *volcengine) serverError(in *incoming, status int) *reply {
	switch status {
	case http.StatusServiceUnavailable:
		return p.errorReply(in, status, "ServiceUnavailable", 0, "Service is temporarily unavailable, please retry later")
	case http.StatusGatewayTimeout:
		return p.errorReply(in, status, "InternalServiceTimeout", 100016, "The service timed out")
	}
	return p.errorReply(in, status, "InternalError", 100014, "The request failed because of an internal error")
}

func (p *volcengine) padded(in *incoming) (prefix, suffix []byte) {
	head, _ := json.Marshal(volcMetadata{RequestID: p.requestID(in.now), Action: in.action,
		Version: in.version, Service: in.service, Region: in.region})
	return []byte(`{"ResponseMetadata":` + string(head) + `,"Result":{"Padding":"`), []byte(`"}}`)
}

// volcPeriod reports whether s is a billing period, "YYYY-MM".
func volcPeriod(s string) bool {
	_, err := time.Parse("2006-01", s)
	return err == nil && len(s) == len("2006-01")
}
