package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeExamples runs the command-line examples of the README against
// --local and compares their output with what the README shows, times
// aside, so the README stays true.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(readme)
	start := strings.Index(text, "Three runs against the emulator:\n\n```\n")
	require.GreaterOrEqual(t, start, 0, "the README's command-line examples")
	block := text[start:]
	block = block[strings.Index(block, "```\n")+4:]
	block = block[:strings.Index(block, "```")]
	block = strings.ReplaceAll(block, "\\\n", "")

	times := regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
	normal := func(s string) string { return times.ReplaceAllString(strings.TrimSpace(s), "TIME") }

	var last result
	runs := 0
	for _, chunk := range strings.Split(block, "$ ")[1:] {
		cmdLine, want, _ := strings.Cut(chunk, "\n")
		if strings.TrimSpace(cmdLine) == "echo $?" {
			code, err := strconv.Atoi(strings.TrimSpace(want))
			require.NoError(t, err)
			assert.Equal(t, code, last.code)
			continue
		}
		words := shellWords(t, cmdLine)
		require.Equal(t, "multicloud", words[0])
		last = cli(t, nil, "", words[1:]...)
		require.Equal(t, 0, last.code, "%s: %s", cmdLine, last.stderr)
		assert.Equal(t, normal(want), normal(last.stdout), cmdLine)
		runs++
	}
	assert.Equal(t, 3, runs)
}

// shellWords splits a command line as sh would for the simple quoting the
// README uses.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	require.Zero(t, quote, "unbalanced quotes in %q", line)
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
