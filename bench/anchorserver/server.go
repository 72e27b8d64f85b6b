// Package anchorserver is the loopback server of the anchor benchmarks: it
// answers DescribeInstances for JD Cloud, Volcengine and QingCloud with
// canned, well-typed bodies of as many instances as the request's page size
// asks for (out of Total), without checking signatures. It listens on
// 127.0.0.1 only and Run prints its address on the first line of stdout.
package anchorserver

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

// Total is how many instances each cloud has, for the paging benchmark.
const Total = 1000

func Run() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	srv := &http.Server{Handler: http.HandlerFunc(serve)}
	if err := srv.Serve(ln); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// mu guards pages.
var mu sync.Mutex

// pages caches each cloud's bodies by offset and size.
var pages = map[string][]byte{}

func serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var cloud string
	var offset, size int
	switch {
	case q.Get("Action") != "": // Volcengine: NextToken is the offset
		cloud = "volcengine"
		size = atoi(q.Get("MaxResults"), 10)
		offset = atoi(strings.TrimPrefix(q.Get("NextToken"), "t"), 0)
	case q.Get("action") != "": // QingCloud
		cloud = "qingcloud"
		size = atoi(q.Get("limit"), 20)
		offset = atoi(q.Get("offset"), 0)
	case strings.Contains(r.URL.Path, "/regions/"): // JD Cloud
		cloud = "jdcloud"
		size = atoi(q.Get("pageSize"), 10)
		offset = (atoi(q.Get("pageNumber"), 1) - 1) * size
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(Body(cloud, offset, size))
}

// Body is a cloud's page of size instances from offset, as served (built
// once per cloud, offset and size; the benchmark asks for a handful).
func Body(cloud string, offset, size int) []byte {
	mu.Lock()
	defer mu.Unlock()
	key := fmt.Sprintf("%s/%d/%d", cloud, offset, size)
	if b, ok := pages[key]; ok {
		return b
	}
	n := max(0, min(size, Total-offset))
	items := make([]string, n)
	for i := range items {
		items[i] = item(cloud, offset+i)
	}
	list := strings.Join(items, ",")
	var b string
	switch cloud {
	case "jdcloud":
		b = `{"requestId":"c6ibns1k5tqqe7vo3rnbqn3b2vmomu2f","result":{"instances":[` + list + `],"totalCount":` + strconv.Itoa(Total) + `}}`
	case "volcengine":
		next := ""
		if offset+n < Total {
			next = "t" + strconv.Itoa(offset+n)
		}
		b = `{"ResponseMetadata":{"RequestId":"20261207081500C0A8010A","Action":"DescribeInstances","Version":"2020-04-01","Service":"ecs","Region":"cn-beijing"},"Result":{"Instances":[` + list + `],"NextToken":"` + next + `","TotalCount":` + strconv.Itoa(Total) + `}}`
	case "qingcloud":
		b = `{"action":"DescribeInstancesResponse","instance_set":[` + list + `],"total_count":` + strconv.Itoa(Total) + `,"ret_code":0}`
	}
	pages[key] = []byte(b)
	return pages[key]
}

func atoi(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}

// item is one instance in the cloud's documented shape (the JD Cloud and
// QingCloud ones after the providers' documentation examples, with values
// of the documented types).
func item(cloud string, i int) string {
	var t string
	switch cloud {
	case "jdcloud":
		t = jdItem
	case "volcengine":
		t = volcItem
	default:
		t = qingItem
	}
	return strings.ReplaceAll(t, "%N", fmt.Sprintf("%06d", i))
}

const jdItem = `{"instanceId":"i-5n2v%N","instanceName":"web-%N","hostname":"web-%N","instanceType":"g.n2.medium","vpcId":"vpc-8bw7jsewkp","subnetId":"subnet-rnk4pw2gx5","privateIpAddress":"10.0.0.4","elasticIpId":"fip-dpy3ohsyim","elasticIpAddress":"114.67.94.10","status":"running","description":"","imageId":"img-m5s0vr7a3w","systemDisk":{"diskCategory":"cloud","autoDelete":true,"deviceName":"vda","status":"attached","cloudDisk":{"diskId":"vol-ogh2bw9sbx","diskType":"ssd.gp1","diskSizeGB":40,"status":"in-use"}},"dataDisks":[{"diskCategory":"local","autoDelete":true,"deviceName":"vdb","status":"attached","localDisk":{"diskType":"local_ssd","diskSizeGB":100}}],"primaryNetworkInterface":{"deviceIndex":0,"autoDelete":true,"networkInterface":{"networkInterfaceId":"port-9sv1h5ip6x","macAddress":"fa:16:3e:46:ff:7c","vpcId":"vpc-8bw7jsewkp","subnetId":"subnet-rnk4pw2gx5","securityGroups":[{"groupId":"sg-ktqh6rybb0","groupName":"default"}],"sanityCheck":1,"primaryIp":{"privateIpAddress":"10.0.0.4","elasticIpId":"fip-dpy3ohsyim","elasticIpAddress":"114.67.94.10"},"secondaryIps":[]}},"secondaryNetworkInterfaces":[],"launchTime":"2024-03-01T08:15:27+08:00","az":"cn-north-1a","keyNames":["ops"],"charge":{"chargeMode":"postpaid_by_duration","chargeStatus":"normal","chargeStartTime":"2024-03-01T08:15:27+08:00","chargeExpiredTime":"2025-03-01T08:15:27+08:00","chargeRetireTime":"2025-03-08T08:15:27+08:00"},"faultDomain":"","tags":[{"key":"env","value":"prod"}],"chargeOnStopped":"keepCharging","resourceGroupId":"rg-default","osType":"linux","osVersion":"7.9","platform":"CentOS","architecture":"x86_64","autoReleaseTime":"","bootMode":"bios"}`

const qingItem = `{"instance_id":"i-%N","instance_name":"web-%N","description":null,"instance_type":"small_b","vcpus_current":1,"memory_current":1024,"status":"running","transition_status":"","sub_code":0,"create_time":"2013-08-28T14:26:03Z","status_time":"2013-08-28T14:26:03Z","image":{"image_id":"centos64x64","image_name":"CentOS 6.4 64bit","image_size":20,"os_family":"centos","platform":"linux","processor_type":"64bit","provider":"system"},"vxnets":[{"vxnet_id":"vxnet-0","vxnet_name":"primary vxnet","vxnet_type":1,"nic_id":"52:54:ef:0c:ed:66","private_ip":"10.50.13.54"}],"eip":{"eip_id":"eip-1234abcd","eip_addr":"121.201.5.5","bandwidth":50},"security_group":{"security_group_id":"sg-z13kokni","is_default":1},"volume_ids":["vol-g7xy7d6g","vol-jg7326gy"],"keypair_ids":["kp-bn2n77ow","kp-05vfs7zs"]}`

const volcItem = `{"AffinityGroupId":"","CpuOptions":{"CoreCount":2,"ThreadsPerCore":2,"TopologyType":""},"Cpus":4,"CreatedAt":"2026-11-01T08:00:00+08:00","DeletionProtection":false,"DeploymentSetGroupNumber":0,"DeploymentSetId":"","Description":"web server","EipAddress":{"AllocationId":"eip-2fe8cv1xr9ts05oxruvd","IpAddress":"101.126.10.12"},"ElasticScheduledInstanceType":"","ExpiredAt":"","Hostname":"web-%N","ImageId":"image-ybqi99s7yq8rx7mnk44b","InstanceChargeType":"PostPaid","InstanceId":"i-3tigy%N","InstanceName":"web-%N","InstanceTypeId":"ecs.g3il.xlarge","KeyPairId":"kp-ybrdmxpuk5fdkw4v2otz","KeyPairName":"ops","LocalVolumes":[],"MemorySize":16384,"MetadataOptions":{"HttpTokens":"optional"},"NetworkInterfaces":[{"Ipv6Addresses":[],"MacAddress":"00:16:3e:1c:6d:31","NetworkInterfaceId":"eni-2fe8cv1xr9ts05oxruvd","PrimaryIpAddress":"192.168.1.10","SecurityGroupIds":["sg-13fbyz0sok3y83n6nu4hv1q10"],"SubnetId":"subnet-mj92ij84m5fk5smt1arvwrtw","Type":"primary","VpcId":"vpc-13fbyz0sok3y83n6nu4hv1q10"}],"OsName":"Ubuntu 22.04 64 bit","OsType":"Linux","Placement":{"Affinity":"","DedicatedHostClusterId":"","DedicatedHostId":"","Tenancy":"Default"},"ProjectName":"default","RdmaIpAddresses":[],"SpotPriceLimit":0,"SpotStrategy":"NoSpot","Status":"RUNNING","StoppedMode":"","Tags":[{"Key":"env","Value":"prod"}],"UpdatedAt":"2026-11-01T08:05:00+08:00","Uuid":"b6a6d3f4-%N","Volumes":[{"VolumeId":"vol-3tigy%N"}],"VpcId":"vpc-13fbyz0sok3y83n6nu4hv1q10","ZoneId":"cn-beijing-a"}`
