package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// The completion scripts ask the binary itself for candidates
// (`multicloud __complete <words so far> <word being completed>`), so they
// follow the catalog without being regenerated.
const bashCompletion = `# bash completion for multicloud; load with: source <(multicloud completion bash)
_multicloud() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(multicloud __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)" -- "$cur"))
}
complete -o default -F _multicloud multicloud
`

const zshCompletion = `#compdef multicloud
# zsh completion for multicloud; load with: source <(multicloud completion zsh)
_multicloud() {
    local -a candidates
    candidates=("${(@f)$(multicloud __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
    compadd -a candidates
}
if [ "$funcstack[1]" = "_multicloud" ]; then
    _multicloud "$@"
else
    compdef _multicloud multicloud
fi
`

const fishCompletion = `# fish completion for multicloud; load with: multicloud completion fish | source
function __multicloud_complete
    set -l words (commandline -opc)
    set -e words[1]
    multicloud __complete $words (commandline -ct) 2>/dev/null
end
complete -c multicloud -f -a '(__multicloud_complete)'
`

// completion writes the completion script for a shell.
func (s *session) completion(args []string) error {
	if len(args) != 1 {
		return usageError("usage: multicloud completion bash|zsh|fish")
	}
	var script string
	switch args[0] {
	case "bash":
		script = bashCompletion
	case "zsh":
		script = zshCompletion
	case "fish":
		script = fishCompletion
	default:
		return usageError("completion: no script for %q; want bash, zsh or fish", args[0])
	}
	_, err := io.WriteString(s.stdout, script)
	return err
}

// complete writes the candidates for the last word of args, one a line.
func (s *session) complete(args []string) error {
	if len(args) == 0 {
		args = []string{""}
	}
	cur := args[len(args)-1]
	before := args[:len(args)-1]
	var words []string
	for i := 0; i < len(before); i++ {
		name, _, inline, isFlag := splitFlag(before[i])
		if !isFlag {
			words = append(words, before[i])
			continue
		}
		if g := lookupGlobal(name); g != nil && g.arg != "" && !inline {
			i++ // skip the global flag's value
		}
	}
	if n := len(before); n > 0 {
		if name, _, inline, ok := splitFlag(before[n-1]); ok && !inline && (name == "output" || name == "o") {
			return s.candidates(cur, []string{formatJSON, formatYAML, formatTable})
		}
	}
	var out []string
	if strings.HasPrefix(cur, "-") {
		for _, g := range globalFlags {
			out = append(out, "--"+g.names[0])
		}
		if op := s.completeOperation(words); op != nil {
			for _, f := range op.Input {
				out = append(out, "--"+f.WireName)
			}
		}
		return s.candidates(cur, out)
	}
	switch {
	case len(words) == 0:
		out = append(s.cat.Providers(), "completion", "help")
	case len(words) == 1 && words[0] == "completion":
		out = []string{"bash", "zsh", "fish"}
	case len(words) == 1:
		out = append(strings.Split(serviceNames(s.cat, words[0]), ", "), "call")
	case len(words) == 2 && words[1] == "call":
		out = strings.Split(serviceNames(s.cat, words[0]), ", ")
	case len(words) == 2, len(words) == 3 && words[1] == "call":
		name := words[1]
		if name == "call" {
			name = words[2]
		}
		if svc, err := s.cat.Service(words[0], name); err == nil {
			for _, op := range svc.Operations {
				out = append(out, op.Name)
			}
		}
	}
	return s.candidates(cur, out)
}

// completeOperation finds the operation the words name, or nil.
func (s *session) completeOperation(words []string) *catalog.Operation {
	if len(words) < 3 || words[1] == "call" {
		return nil
	}
	svc, err := s.cat.Service(words[0], words[1])
	if err != nil {
		return nil
	}
	return svc.Operation(words[2])
}

func (s *session) candidates(prefix string, all []string) error {
	slices.Sort(all)
	for _, c := range slices.Compact(all) {
		if c != "" && strings.HasPrefix(c, prefix) {
			if _, err := fmt.Fprintln(s.stdout, c); err != nil {
				return err
			}
		}
	}
	return nil
}
