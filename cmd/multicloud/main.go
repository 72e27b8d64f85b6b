// Command multicloud calls any operation of JD Cloud, Volcengine and
// QingCloud from the shell, through the multicloud SDK: its signing,
// retries, rate limits, paging, waiters and errors.
//
//	multicloud qingcloud iaas DescribeInstances --zone pek3a --status running
//	multicloud jdcloud vm DescribeInstances --region cn-north-1 --all -o table
//	multicloud volcengine call ecs DescribeInstances --region cn-beijing --params '{"MaxResults": 10}'
//
// Commands, flags and help come from the run-time catalog (package
// internal/catalog), generated from the same descriptions as the typed
// packages; `multicloud --help` lists the clouds, services, flags and exit
// codes.
//
// Install it with
//
//	go install github.com/multicloud-go/multicloud/cmd/multicloud@latest
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/internal/catalog"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, isTerminal(os.Stderr))
	stop()
	os.Exit(code)
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// session is one run of the command.
type session struct {
	cat       *catalog.Catalog
	opts      options
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	stderrTTY bool
	getenv    func(string) string

	local *cloudtest.Server // the emulator --local started, if any
	parts map[string]clientParts
}

// run executes one command line and returns the exit code. Errors go to
// stderr on one line.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, stderrTTY bool) int {
	s := &session{cat: catalog.New(), stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv,
		stderrTTY: stderrTTY, parts: map[string]clientParts{}}
	defer func() {
		if s.local != nil {
			s.local.Close()
		}
	}()
	err := s.run(ctx, args)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "multicloud: interrupted")
		return exitInterrupted
	}
	fmt.Fprintln(stderr, errorLine(err))
	return exitCode(err)
}

func (s *session) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "completion":
			return s.completion(args[1:])
		case "__complete":
			return s.complete(args[1:])
		case "help":
			args = append(args[1:], "--help")
		}
	}
	cl, err := parseCommandLine(args)
	if err != nil {
		return err
	}
	s.opts = cl.opts
	words := cl.words
	if len(words) == 0 {
		if s.opts.help {
			return s.helpTop()
		}
		return usageError("name a cloud: %s (see multicloud --help)", strings.Join(s.cat.Providers(), ", "))
	}
	provider := words[0]
	if len(s.cat.Services(provider)) == 0 {
		return usageError("unknown cloud %q; the clouds are %s", provider, strings.Join(s.cat.Providers(), ", "))
	}
	if s.opts.timeout != "" {
		d, err := time.ParseDuration(s.opts.timeout)
		if err != nil || d <= 0 {
			return usageError("--timeout %s: want a duration such as 30s or 5m", s.opts.timeout)
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	if len(words) >= 2 && words[1] == "call" {
		return s.call(ctx, provider, words[2:], cl.action)
	}
	if len(words) == 1 {
		if s.opts.help {
			return s.helpCloud(provider)
		}
		return usageError("name a service of %s: %s (or see multicloud %s --help)", provider, serviceNames(s.cat, provider), provider)
	}
	name, err := s.serviceName(provider, words[1])
	if err != nil {
		return err
	}
	if len(words) == 2 {
		svc, err := s.cat.Service(provider, name)
		if err != nil {
			return err
		}
		if s.opts.help {
			return s.helpService(svc)
		}
		return usageError("name an action of %s %s; see multicloud %s %s --help", provider, svc.Name, provider, svc.Name)
	}
	if len(words) > 3 {
		return usageError("unexpected argument %q after the action", words[3])
	}
	// One operation is read from the catalog, not the whole service; a name
	// in another case needs the whole service to match.
	svc, op, err := s.cat.Operation(provider, name, words[2])
	if err != nil {
		full, ferr := s.cat.Service(provider, name)
		if ferr != nil {
			return ferr
		}
		if svc, op = full, full.LookupOperation(words[2]); op == nil {
			return usageError("%s %s has no action %q; see multicloud %s %s --help", provider, name, words[2], provider, name)
		}
	}
	if s.opts.help {
		return s.helpAction(svc, op)
	}
	return s.operation(ctx, svc, op, cl.action)
}

// serviceName finds a provider's service by name or typed package name.
func (s *session) serviceName(provider, name string) (string, error) {
	for _, info := range s.cat.Services(provider) {
		if info.Name == name || info.Package == name {
			return info.Name, nil
		}
	}
	return "", usageError("%s has no service %q; the services are %s", provider, name, serviceNames(s.cat, provider))
}

func serviceNames(cat *catalog.Catalog, provider string) string {
	var names []string
	for _, info := range cat.Services(provider) {
		names = append(names, info.Name)
	}
	return strings.Join(names, ", ")
}

// operation runs `multicloud <cloud> <service> <Action> [flags]`.
func (s *session) operation(ctx context.Context, svc *catalog.Service, op *catalog.Operation, flags []string) error {
	params, err := baseParams(&s.opts, s.stdin)
	if err != nil {
		return err
	}
	if err := actionFlags(op, flags, params); err != nil {
		return err
	}
	var w *waiter
	if s.opts.wait {
		if w = waiterFor(svc, op); w == nil {
			return usageError("--wait: %s %s %s has no waiter", svc.Provider, svc.Name, op.Name)
		}
	}
	out, err := newPrinter(s.stdout, s.opts.output, s.opts.query)
	if err != nil {
		return err
	}
	out.hint = itemHint(listedType(op))
	c, err := s.client(svc.Provider)
	if err != nil {
		return err
	}
	if s.opts.all {
		if s.opts.wait {
			return usageError("--all and --wait do not go together")
		}
		items, err := allItems(ctx, c, svc, op, params)
		if err != nil {
			return err
		}
		for item, err := range items {
			if err != nil {
				_ = out.end()
				return err
			}
			if err := out.item(item); err != nil {
				return err
			}
		}
		return out.end()
	}
	result, err := c.operation(ctx, svc, op, params)
	if err != nil {
		return err
	}
	if err := out.one(result); err != nil {
		return err
	}
	if w != nil {
		return s.wait(ctx, w, op, params, result)
	}
	return nil
}

// call runs `multicloud <cloud> call <service> <Action> --params '{...}'`:
// any API, parameters passed as given. The catalog supplies the wire facts
// of the APIs it knows; --method, --path and --version those it does not.
func (s *session) call(ctx context.Context, provider string, words, flags []string) error {
	if len(words) != 2 {
		if s.opts.help {
			return s.helpCall(provider)
		}
		return usageError("usage: multicloud %s call <service> <Action> --params '{...}'", provider)
	}
	if s.opts.all || s.opts.wait {
		return usageError("call takes neither --all nor --wait; use multicloud %s <service> <Action>", provider)
	}
	if len(flags) > 0 {
		return usageError("call takes its parameters in --params or --cli-input-json, not %q", flags[0])
	}
	if s.opts.help {
		return s.helpCall(provider)
	}
	w := rawCall{service: words[0], action: words[1], method: s.opts.method, path: s.opts.path, version: s.opts.version}
	var known *catalog.Operation // the catalog's description of the API, if any
	for _, info := range s.cat.Services(provider) {
		if info.Name != w.service && info.Package != w.service {
			continue
		}
		svc, err := s.cat.Service(provider, info.Name)
		if err != nil {
			return err
		}
		w.service = svc.Signing()
		if w.version == "" {
			w.version = svc.Version
		}
		if op := svc.Operation(w.action); op != nil {
			known = op
			w = rawCall{service: svc.Signing(), action: op.Name, method: op.Method, path: op.Path, version: op.Version,
				form: op.BodyEncoding == catalog.BodyForm}
			if s.opts.method != "" {
				w.method = s.opts.method
			}
			if s.opts.path != "" {
				w.path = s.opts.path
			}
			if s.opts.version != "" {
				w.version = s.opts.version
			}
		}
	}
	params, err := baseParams(&s.opts, s.stdin)
	if err != nil {
		return err
	}
	if known != nil {
		x := &encoder{}
		for _, f := range known.Input {
			if f.Secret {
				x.collectSecrets(params[f.WireName])
			}
		}
		w.secrets = x.secrets
	}
	out, err := newPrinter(s.stdout, s.opts.output, s.opts.query)
	if err != nil {
		return err
	}
	c, err := s.client(provider)
	if err != nil {
		return err
	}
	result, err := c.raw(ctx, w, params)
	if err != nil {
		return err
	}
	return out.one(result)
}

// listedType is the type name of the items an operation lists: its paging
// items, else its first output that is a list of objects.
func listedType(op *catalog.Operation) string {
	if op.Paging != nil {
		return op.Paging.ItemType.Ref
	}
	for _, f := range op.Output {
		if f.Type.Kind == catalog.KindList && f.Type.Elem != nil && f.Type.Elem.Kind == catalog.KindObject {
			return f.Type.Elem.Ref
		}
	}
	return ""
}
