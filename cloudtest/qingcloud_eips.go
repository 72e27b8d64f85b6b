package cloudtest

import (
	"fmt"
	"strconv"
	"strings"
)

// qcEip is a DescribeEips item with QingCloud's wire names.
type qcEip struct {
	EipID       string `json:"eip_id"`
	EipName     string `json:"eip_name"`
	EipAddr     string `json:"eip_addr"`
	Bandwidth   int    `json:"bandwidth"`
	BillingMode string `json:"billing_mode"`
	NeedIcp     int    `json:"need_icp"`
	qcState
	CreateTime  string         `json:"create_time"`
	Resource    *qcEipResource `json:"resource,omitempty"`
	EipGroup    qcEipGroup     `json:"eip_group"`
	Tags        []struct{}     `json:"tags"`
	Description string         `json:"description"`
}

type qcEipResource struct {
	ResourceID   string `json:"resource_id"`
	ResourceName string `json:"resource_name"`
	ResourceType string `json:"resource_type"`
}

type qcEipGroup struct {
	EipGroupID   string `json:"eip_group_id"`
	EipGroupName string `json:"eip_group_name"`
}

func (p *qingcloud) findEip(z *qcZone, id string) (*qcEip, error) {
	for _, e := range z.eips {
		if e.EipID == id {
			return e, nil
		}
	}
	return nil, notFoundf("resource [%s] not found", id)
}

// allocateEips is a real-time action: the EIPs are available at once and
// no job is returned.
func (p *qingcloud) allocateEips(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	if !q.has("bandwidth") {
		return nil, missingParam("bandwidth")
	}
	bw, err := q.integer("bandwidth", 0)
	if err != nil {
		return nil, err
	}
	if bw < 1 || bw > 1000 {
		return nil, invalidf("bandwidth [%d] must be between 1 and 1000", bw)
	}
	mode := q.str("billing_mode")
	if mode == "" {
		mode = "bandwidth"
	}
	if mode != "bandwidth" && mode != "traffic" {
		return nil, invalidf("billing_mode [%s] must be bandwidth or traffic", mode)
	}
	count, err := q.integer("count", 1)
	if err != nil {
		return nil, err
	}
	if count < 1 || count > 100 {
		return nil, invalidf("count [%d] must be between 1 and 100", count)
	}
	if err := p.s.admit(KindEIP, countAlive(z.eips, func(e *qcEip) string { return e.Status })+count); err != nil {
		return nil, err
	}
	icp, err := q.integer("need_icp", 0)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, count)
	for range count {
		e := &qcEip{
			EipID: p.s.newID("eip-", 8), EipName: q.str("eip_name"),
			EipAddr:   fmt.Sprintf("139.198.%d.%d", 1+p.s.randN(254), 1+p.s.randN(254)),
			Bandwidth: bw, BillingMode: mode, NeedIcp: icp,
			qcState:    qcState{Status: "available", StatusTime: isoTime(in.now)},
			CreateTime: isoTime(in.now), EipGroup: qcEipGroup{EipGroupID: "eipg-cloudtest", EipGroupName: "BGP"},
			Tags: []struct{}{},
		}
		z.eips = append(z.eips, e)
		ids = append(ids, e.EipID)
	}
	return map[string]any{"eips": ids}, nil
}

func (p *qingcloud) describeEips(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	ids, statuses, word, instance := q.list("eips"), q.list("status"), q.str("search_word"), q.str("instance_id")
	var matched []*qcEip
	for _, e := range z.eips {
		if matchAny(e.EipID, ids) && matchAny(e.Status, statuses) &&
			(instance == "" || e.Resource != nil && e.Resource.ResourceID == instance) &&
			(strings.Contains(e.EipID, word) || strings.Contains(e.EipName, word) || strings.Contains(e.EipAddr, word)) {
			matched = append(matched, e)
		}
	}
	return listPage(q, "eip_set", matched, p.s.pageMax(qcMaxLimit))
}

// releaseEips releases available EIPs; an associated one cannot be
// released.
func (p *qingcloud) releaseEips(in *incoming, z *qcZone) (map[string]any, error) {
	ids := in.params.list("eips")
	if len(ids) == 0 {
		return nil, missingParam("eips")
	}
	eips := make([]*qcEip, 0, len(ids))
	for _, id := range ids {
		e, err := p.findEip(z, id)
		if err != nil {
			return nil, err
		}
		if e.Status != "available" || e.busy() {
			return nil, statef("eip [%s] is in [%s] status, ReleaseEips is not allowed", id, e.Status)
		}
		eips = append(eips, e)
	}
	for _, e := range eips {
		e.begin(in.now, p.s.cfg.jobDelay, "releasing", "released")
	}
	return map[string]any{"job_id": p.newJob(z, in, ids).JobID}, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
