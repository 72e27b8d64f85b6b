package main

import (
	"strings"
)

// options are the global flags, accepted anywhere on the command line.
type options struct {
	output    string // json, yaml, table
	query     string // JMESPath expression
	all       bool
	wait      bool
	profile   string
	region    string
	zone      string
	endpoint  string
	local     bool
	debug     bool
	inputJSON string // --cli-input-json file or -
	params    string // --params JSON
	help      bool
	timeout   string
	// call only: the wire facts of an API the catalog does not know.
	method, path, version string
}

// globalFlag is one global flag: its names and how it is set.
type globalFlag struct {
	names []string // "output", "o"
	arg   string   // the value's name in help; "" for a switch
	help  string
	set   func(o *options, v string)
}

// globalFlags are listed in help in this order.
var globalFlags = []globalFlag{
	{[]string{"output", "o"}, "FORMAT", "output format: json (default), yaml or table", func(o *options, v string) { o.output = v }},
	{[]string{"query"}, "JMESPATH", "filter the output with a JMESPath expression (with --all: each item)", func(o *options, v string) { o.query = v }},
	{[]string{"all"}, "", "page through every result of a list action, printing items as they come", func(o *options, _ string) { o.all = true }},
	{[]string{"wait"}, "", "after the call, wait until the job or instance it started is done", func(o *options, _ string) { o.wait = true }},
	{[]string{"profile"}, "NAME", "the profile to read in the cloud's own CLI config file", func(o *options, v string) { o.profile = v }},
	{[]string{"region"}, "REGION", "region (JD Cloud, Volcengine); default $JDCLOUD_REGION / $VOLCENGINE_REGION, then the profile's config file", func(o *options, v string) { o.region = v }},
	{[]string{"zone"}, "ZONE", "zone (QingCloud); default $QINGCLOUD_ZONE, then ~/.qingcloud/config.yaml", func(o *options, v string) { o.zone = v }},
	{[]string{"endpoint"}, "URL", "send requests to this endpoint instead of the cloud's", func(o *options, v string) { o.endpoint = v }},
	{[]string{"local"}, "", "run against the built-in emulator (package cloudtest), with its credentials", func(o *options, _ string) { o.local = true }},
	{[]string{"debug"}, "", "print the request log, secrets redacted, on stderr", func(o *options, _ string) { o.debug = true }},
	{[]string{"cli-input-json"}, "FILE", "read the action's parameters as a JSON object from FILE, or - for stdin; flags override it", func(o *options, v string) { o.inputJSON = v }},
	{[]string{"params"}, "JSON", "the action's parameters as a JSON object; flags override it", func(o *options, v string) { o.params = v }},
	{[]string{"timeout"}, "DURATION", "give up after this long, such as 30s or 5m (default: no limit)", func(o *options, v string) { o.timeout = v }},
	{[]string{"method"}, "METHOD", "call: the HTTP method of an API the catalog does not know", func(o *options, v string) { o.method = v }},
	{[]string{"path"}, "PATH", "call: the JD Cloud path template of an API the catalog does not know", func(o *options, v string) { o.path = v }},
	{[]string{"version"}, "VERSION", "call: the API version of an API the catalog does not know", func(o *options, v string) { o.version = v }},
	{[]string{"help", "h"}, "", "show help for the command", func(o *options, _ string) { o.help = true }},
}

// lookupGlobal returns the global flag of a name, or nil.
func lookupGlobal(name string) *globalFlag {
	for i := range globalFlags {
		for _, n := range globalFlags[i].names {
			if n == name {
				return &globalFlags[i]
			}
		}
	}
	return nil
}

// commandLine is the command line split up: the words naming the command,
// the global options, and the rest, the action's own flags, left for the
// catalog to interpret.
type commandLine struct {
	words  []string
	opts   options
	action []string
}

// splitFlag splits "--name=value" or "-n": the name, the value and whether
// it was given with "=". ok is false for a word that is not a flag.
func splitFlag(arg string) (name, value string, inline, ok bool) {
	if len(arg) < 2 || arg[0] != '-' {
		return "", "", false, false
	}
	name = strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
	if name == "" {
		return "", "", false, false
	}
	if i := strings.IndexByte(name, '='); i >= 0 {
		return name[:i], name[i+1:], true, true
	}
	return name, "", false, true
}

// parseCommandLine separates global flags, command words and action flags.
// Global flags win over action fields of the same name (a field named like
// one is set through --params or --cli-input-json). Once an action flag has
// been seen, every word that is not a global flag belongs to the action
// flags: it may be a value.
func parseCommandLine(args []string) (*commandLine, error) {
	cl := &commandLine{}
	inAction := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			cl.action = append(cl.action, args[i+1:]...)
			break
		}
		name, value, inline, isFlag := splitFlag(arg)
		if !isFlag {
			if inAction {
				cl.action = append(cl.action, arg)
			} else {
				cl.words = append(cl.words, arg)
			}
			continue
		}
		g := lookupGlobal(name)
		if g == nil {
			inAction = true
			cl.action = append(cl.action, arg)
			continue
		}
		if g.arg == "" {
			if inline && value != "true" {
				if value == "false" {
					continue
				}
				return nil, usageError("--%s takes no value", name)
			}
			g.set(&cl.opts, "")
			continue
		}
		if !inline {
			if i+1 >= len(args) {
				return nil, usageError("--%s needs a value (%s)", name, g.arg)
			}
			i++
			value = args[i]
		}
		g.set(&cl.opts, value)
	}
	return cl, nil
}
