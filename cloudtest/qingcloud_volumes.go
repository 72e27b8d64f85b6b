package cloudtest

import "strings"

// qcVolume is a DescribeVolumes item with QingCloud's wire names.
type qcVolume struct {
	VolumeID   string `json:"volume_id"`
	VolumeName string `json:"volume_name"`
	Size       int    `json:"size"`
	VolumeType int    `json:"volume_type"`
	qcState
	CreateTime string            `json:"create_time"`
	Instance   *qcVolumeInstance `json:"instance,omitempty"`
	ZoneID     string            `json:"zone_id"`
	Owner      string            `json:"owner"`
	Repl       string            `json:"repl"`

	instance string // the id of the instance it is attached to
}

type qcVolumeInstance struct {
	InstanceID   string `json:"instance_id"`
	InstanceName string `json:"instance_name"`
}

func (p *qingcloud) findVolume(z *qcZone, id string) (*qcVolume, error) {
	for _, v := range z.volumes {
		if v.VolumeID == id {
			return v, nil
		}
	}
	return nil, notFoundf("resource [%s] not found", id)
}

// createVolumes makes count volumes of size GB (10 to 5000, a multiple of
// 10), pending until the job completes.
func (p *qingcloud) createVolumes(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	if !q.has("size") {
		return nil, missingParam("size")
	}
	size, err := q.integer("size", 0)
	if err != nil {
		return nil, err
	}
	if size < 10 || size > 5000 || size%10 != 0 {
		return nil, invalidf("size [%d] must be a multiple of 10 between 10 and 5000", size)
	}
	vtype, err := q.integer("volume_type", 0)
	if err != nil {
		return nil, err
	}
	count, err := q.integer("count", 1)
	if err != nil {
		return nil, err
	}
	if count < 1 || count > 100 {
		return nil, invalidf("count [%d] must be between 1 and 100", count)
	}
	if err := p.s.admit(KindDisk, countAlive(z.volumes, func(v *qcVolume) string { return v.Status })+count); err != nil {
		return nil, err
	}
	ids := make([]string, 0, count)
	for range count {
		v := &qcVolume{
			VolumeID: p.s.newID("vol-", 8), VolumeName: q.str("volume_name"), Size: size, VolumeType: vtype,
			qcState:    qcState{Status: "pending", StatusTime: isoTime(in.now)},
			CreateTime: isoTime(in.now), ZoneID: q.str("zone"), Owner: qcOwner, Repl: "rpp-00000002",
		}
		v.begin(in.now, p.s.cfg.jobDelay, "creating", "available")
		z.volumes = append(z.volumes, v)
		ids = append(ids, v.VolumeID)
	}
	job := p.newJob(z, in, ids)
	return map[string]any{"volumes": ids, "job_id": job.JobID}, nil
}

func (p *qingcloud) describeVolumes(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	ids, statuses, word := q.list("volumes"), q.list("status"), q.str("search_word")
	vtype := q.str("volume_type")
	var matched []*qcVolume
	for _, v := range z.volumes {
		if matchAny(v.VolumeID, ids) && matchAny(v.Status, statuses) &&
			(vtype == "" || vtype == itoa(v.VolumeType)) &&
			(strings.Contains(v.VolumeID, word) || strings.Contains(v.VolumeName, word)) {
			matched = append(matched, v)
		}
	}
	return listPage(q, "volume_set", matched, p.s.pageMax(qcMaxLimit))
}

// deleteVolumes deletes available volumes; one in use or changing cannot
// be deleted.
func (p *qingcloud) deleteVolumes(in *incoming, z *qcZone) (map[string]any, error) {
	ids := in.params.list("volumes")
	if len(ids) == 0 {
		return nil, missingParam("volumes")
	}
	vols := make([]*qcVolume, 0, len(ids))
	for _, id := range ids {
		v, err := p.findVolume(z, id)
		if err != nil {
			return nil, err
		}
		if v.Status != "available" || v.busy() {
			return nil, statef("volume [%s] is in [%s] status, DeleteVolumes is not allowed", id, v.Status)
		}
		vols = append(vols, v)
	}
	for _, v := range vols {
		v.begin(in.now, p.s.cfg.jobDelay, "deleting", "deleted")
	}
	return map[string]any{"job_id": p.newJob(z, in, ids).JobID}, nil
}
