package importer

import (
	"net/url"
	"strings"
)

// Where each provider keeps an operation's API reference page. A link is
// filled only where the page pattern was checked against real pages of the
// provider's documentation; every other operation keeps an empty DocURL
// (the generated code, the catalog and the CLI then show no link) rather
// than a guessed one. The evidence URLs below are the pages the patterns were
// checked against (read in the documentation and in links the providers'
// own documentation makes).

// jdDocBase is JD Cloud's documentation site (Chinese edition, the one the
// SDK's descriptions are written in).
const jdDocBase = "https://docs.jdcloud.com/cn/"

// jdDocProduct is a JD Cloud service's product path on docs.jdcloud.com: an
// action's page is <product>/api/<action in lower case>. The product path is
// the documentation's name for the product, not the service name.
type jdDocProduct struct {
	path     string
	evidence string // a real page of that product's API reference
}

// jdDocProducts lists the services whose product path was verified. Left
// out (no DocURL): iam and billing (only an "api/overview" page was found,
// no action page), clouddnsservice (the "jd-cloud-dns" API pages document
// the newer domainservice API, not this one), privatezone (no page found).
var jdDocProducts = map[string]jdDocProduct{
	"vm":         {"virtual-machines", "https://docs.jdcloud.com/cn/virtual-machines/api/createinstances"},
	"vpc":        {"virtual-private-cloud", "https://docs.jdcloud.com/cn/virtual-private-cloud/api/describenetworkinterface"},
	"disk":       {"cloud-disk-service", "https://docs.jdcloud.com/cn/cloud-disk-service/api/describedisk"},
	"monitor":    {"monitoring", "https://docs.jdcloud.com/cn/monitoring/api/describecustommetricdata"},
	"rds":        {"rds", "https://docs.jdcloud.com/cn/rds/api/describebackuppolicy"},
	"redis":      {"jcs-for-redis", "https://docs.jdcloud.com/cn/jcs-for-redis/api/describeipwhitelist"},
	"lb":         {"load-balancer", "https://docs.jdcloud.com/cn/load-balancer/api/describeloadbalancer"},
	"kubernetes": {"jcs-for-kubernetes", "https://docs.jdcloud.com/cn/jcs-for-kubernetes/api/setnodegroupca"},
}

// jdDocURL is the API reference page of a JD Cloud action ("DescribeDisk" of
// disk → .../cloud-disk-service/api/describedisk), or "" when the service's
// product path is not verified.
func jdDocURL(service, action string) string {
	p, ok := jdDocProducts[service]
	if !ok || action == "" {
		return ""
	}
	return jdDocBase + p.path + "/api/" + url.PathEscape(strings.ToLower(action))
}

// qcDocBase is the API command list of QingCloud's current documentation
// site; an action's page is <group>/<page>/. Checked against, e.g.:
//
//	https://docsv4.qingcloud.com/user_guide/development_docs/api/command_list/volume/describe_volumes
//	https://docsv4.qingcloud.com/user_guide/development_docs/api/command_list/keypair/describe_key_pairs
//	https://docsv4.qingcloud.com/user_guide/development_docs/api/command_list/keypair/create_key_pairs
//
// and the same tree on the previous site (docsv3.qingcloud.com/development_docs/api/command_list/instance/describe_instances).
const qcDocBase = "https://docsv4.qingcloud.com/user_guide/development_docs/api/command_list/"

// qcDocPages are the pages of the command list by group, as named in
// QingCloud's documentation source (github.com/yunify/qingcloud-docs,
// content/development_docs/api/command_list/<group>/<page>.md). The page
// names are not a mechanical function of the action (cease_Instances,
// describe-image-users, create_loadbalancer), so an action is matched to the
// page whose name, lower-cased without "_" and "-", is the lower-cased
// action, and only when exactly one page matches. Groups not listed here
// (rdb, mongo, cluster, s2, nic, ...) were not checked: their actions have
// no link.
var qcDocPages = map[string][]string{
	"instance":  {"cease_Instances", "clone_instances", "create_brokers", "create_instance_groups", "delete_brokers", "delete_instance_groups", "describe_instance_groups", "describe_instance_types", "describe_instances", "join_instance_group", "leave_instance_group", "modify_instance_attributes", "reset_instances", "resize_instances", "restart_instances", "run_instances", "start_instances", "stop_instances", "terminate_instances"},
	"volume":    {"attach_volumes", "create_volumes", "delete_volumes", "describe_volumes", "detach_volumes", "modify_volume_attributes", "resize_volumes"},
	"eip":       {"allocate_eips", "associate_eip", "change_eips_bandwidth", "change_eips_billing_mode", "describe_eips", "dissociate_eips", "modify_eip_attributes", "release_eips"},
	"keypair":   {"attach_key_pairs", "create_key_pairs", "delete_key_pairs", "describe_key_pairs", "detach_key_pairs", "modify_key_pair_attributes"},
	"vxnet":     {"create_vxnets", "delete_vxnets", "describe_vxnet_instances", "describe_vxnets", "join_vxnet", "leave_vxnet", "modify_vxnet_attributes"},
	"router":    {"add_router_static_entries", "add_router_statics", "copy_router_statics", "create_routers", "delete_router_static_entries", "delete_router_statics", "delete_routers", "describe_router_static_entries", "describe_router_statics", "describe_router_vxnets", "describe_routers", "join_router", "leave_router", "modify_router_attributes", "modify_router_static_attributes", "modify_router_static_entry_attributes", "poweroff_routers", "poweron_routers", "update_routers"},
	"image":     {"capture_image_from_snapshot", "capture_instance", "clone-images", "delete_images", "describe-image-users", "describe_images", "grant-image-to-users", "modify_image_attributes", "revoke-image-from-users"},
	"snapshot":  {"apply_snapshots", "capture_instance_from_snapshot", "create_snapshots", "create_volume_from_snapshot", "delete_snapshots", "describe_snapshots", "modify_snapshot_attributes"},
	"tag":       {"attach_tags", "create_tag", "delete_tags", "describe_tags", "detach_tags", "modify_tag_attributes"},
	"sg":        {"add_security_group_rules", "apply_security_group", "copy_security_group_ipsets", "create_security_group", "create_security_group_ipset", "create_security_group_snapshot", "delete_security_group_ipsets", "delete_security_group_rules", "delete_security_group_snapshots", "delete_security_groups", "describe_security_group_ipsets", "describe_security_group_rules", "describe_security_group_snapshots", "describe_security_groups", "modify_security_group_attributes", "modify_security_group_ipset_attributes", "modify_security_group_rule_attributes", "rollback_security_group"},
	"lb":        {"add_loadbalancer_backends", "add_loadbalancer_listeners", "add_loadbalancer_policy_rules", "apply_loadbalancer_policy", "associate_eips_to_loadbalancer", "associate_server_certs_to_loadbalancer_listener", "create_loadbalancer", "create_loadbalancer_policy", "create_server_certificate", "delete_loadbalancer_backends", "delete_loadbalancer_listeners", "delete_loadbalancer_policies", "delete_loadbalancer_policy_rules", "delete_loadbalancers", "delete_server_certificates", "describe_loadbalancer_backends", "describe_loadbalancer_listeners", "describe_loadbalancer_policies", "describe_loadbalancer_policy_rules", "describe_loadbalancers", "describe_server_certificates", "dissociate_eips_from_loadbalancer", "dissociate_server_certs_from_loadbalancer_listener", "loadbalancer_join_vxnet", "loadbalancer_leave_vxnet", "modify_loadbalancer_attributes", "modify_loadbalancer_backend_attributes", "modify_loadbalancer_listener_attributes", "modify_loadbalancer_policy_attributes", "modify_loadbalancer_policy_rule_attributes", "modify_server_certificate_attributes", "resize_loadbalancers", "start_loadbalancers", "stop_loadbalancers", "update_loadbalancers"},
	"cache":     {"add_cache_nodes", "apply_cache_parameter_group", "change_cache_vxnet", "create_cache", "create_cache_from_snapshot", "create_cache_parameter_group", "delete_cache_nodes", "delete_cache_parameter_groups", "delete_caches", "describe_cache_nodes", "describe_cache_parameter_groups", "describe_cache_parameters", "describe_caches", "modify_cache_attributes", "modify_cache_node_attributes", "modify_cache_parameter_group_attributes", "reset_cache_parameters", "resize_cache", "restart_cache_nodes", "restart_caches", "start_caches", "stop_caches", "update_cache", "update_cache_parameters"},
	"dns_alias": {"associate_dns_alias", "describe_dns_aliases", "dissociate_dns_aliases", "get_dns_label"},
}

// qcDocPageOf names the pages whose name does not spell the action; each was
// read to confirm the action it documents.
var qcDocPageOf = map[string]string{
	"CreateKeyPair": "keypair/create_key_pairs",
}

// qcDocIndex maps a lower-cased action to its page ("group/page") from a
// command list (qcDocPages) and the pages named otherwise (qcDocPageOf);
// actions two pages could document are left out.
func qcDocIndex(list map[string][]string, pageOf map[string]string) map[string]string {
	idx := make(map[string]string)
	seen := make(map[string]int)
	for group, pages := range list {
		for _, p := range pages {
			k := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(p))
			seen[k]++
			idx[k] = group + "/" + p
		}
	}
	for k, n := range seen {
		if n > 1 {
			delete(idx, k)
		}
	}
	for action, page := range pageOf {
		idx[strings.ToLower(action)] = page
	}
	return idx
}

// qcDocURL is the API reference page of a QingCloud action, or "" when no
// checked page documents it. idx is a qcDocIndex.
func qcDocURL(idx map[string]string, action string) string {
	page, ok := idx[strings.ToLower(action)]
	if !ok || action == "" {
		return ""
	}
	group, name, _ := strings.Cut(page, "/")
	return qcDocBase + url.PathEscape(group) + "/" + url.PathEscape(name)
}
