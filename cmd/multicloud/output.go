package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/jmespath/go-jmespath"
	"go.yaml.in/yaml/v3"
)

// Output formats.
const (
	formatJSON  = "json"
	formatYAML  = "yaml"
	formatTable = "table"
)

// printer renders results: one value, or a stream of list items (--all)
// written as they come, so memory stays flat however many pages there are.
type printer struct {
	format string
	query  *jmespath.JMESPath
	// hint is the lower-case name of the listed items' type ("instance"):
	// a table shows its id and name columns first.
	hint string
	w    *bufio.Writer

	// streaming state
	items   int
	columns []string
	table   *tabwriter.Writer
}

func newPrinter(w io.Writer, format, query string) (*printer, error) {
	p := &printer{format: format, w: bufio.NewWriter(w)}
	switch format {
	case "", formatJSON:
		p.format = formatJSON
	case formatYAML, formatTable:
	default:
		return nil, usageError("-o %s: want json, yaml or table", format)
	}
	if query != "" {
		q, err := jmespath.Compile(query)
		if err != nil {
			return nil, usageError("--query: %v", err)
		}
		p.query = q
	}
	return p, nil
}

// decode reads a result for printing: numbers keep their text unless a
// query needs to compare them, when they become float64 as JMESPath
// expects.
func (p *printer) decode(raw json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = json.RawMessage("null")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("result does not decode: %w", err)
	}
	if p.query == nil {
		return v, nil
	}
	out, err := p.query.Search(numbersToFloat(v))
	if err != nil {
		return nil, usageError("--query: %v", err)
	}
	return out, nil
}

// one prints a single result.
func (p *printer) one(raw json.RawMessage) error {
	v, err := p.decode(raw)
	if err != nil {
		return err
	}
	switch p.format {
	case formatYAML:
		err = p.yaml(v, "")
	case formatTable:
		err = p.tableOf(v)
	default:
		err = p.json(v, "")
	}
	if err != nil {
		return err
	}
	return p.w.Flush()
}

// item prints one item of a stream.
func (p *printer) item(raw json.RawMessage) error {
	v, err := p.decode(raw)
	if err != nil {
		return err
	}
	first := p.items == 0
	p.items++
	switch p.format {
	case formatYAML:
		return p.yaml([]any{v}, "")
	case formatTable:
		if first {
			p.columns = columnsOf([]any{v}, p.hint)
			p.table = tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
			writeRow(p.table, header(p.columns))
		}
		writeRow(p.table, cells(v, p.columns))
		if p.items%100 == 0 {
			return p.table.Flush()
		}
		return nil
	default:
		if first {
			p.w.WriteString("[\n  ")
		} else {
			p.w.WriteString(",\n  ")
		}
		return p.json(v, "  ")
	}
}

// end finishes a stream.
func (p *printer) end() error {
	switch p.format {
	case formatJSON:
		if p.items == 0 {
			p.w.WriteString("[]\n")
		} else {
			p.w.WriteString("\n]\n")
		}
	case formatYAML:
		if p.items == 0 {
			p.w.WriteString("[]\n")
		}
	case formatTable:
		if p.table != nil {
			if err := p.table.Flush(); err != nil {
				return err
			}
		}
	}
	return p.w.Flush()
}

// json writes v indented, keys sorted, without HTML escaping; prefix
// indents every line after the first.
func (p *printer) json(v any, prefix string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := b.Bytes()
	if prefix != "" {
		out = bytes.TrimSuffix(out, []byte("\n"))
	}
	_, err := p.w.Write(out)
	return err
}

func (p *printer) yaml(v any, _ string) error {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(forYAML(v)); err != nil {
		return err
	}
	_, err := p.w.Write(b.Bytes())
	return err
}

// tableOf prints v for people: a list of objects as rows; an object whose
// one list member holds the rows (instance_set beside total_count) as
// those rows; any other object as KEY and VALUE; a scalar as itself.
func (p *printer) tableOf(v any) error {
	rows, ok := v.([]any)
	if !ok {
		if m, isMap := v.(map[string]any); isMap {
			if list := onlyList(m); list != nil {
				rows, ok = list, true
			} else {
				tw := tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
				writeRow(tw, []string{"KEY", "VALUE"})
				for _, k := range sortedKeys(m) {
					writeRow(tw, []string{k, cellText(m[k])})
				}
				return tw.Flush()
			}
		}
	}
	if !ok {
		_, err := fmt.Fprintln(p.w, cellText(v))
		return err
	}
	cols := columnsOf(rows, p.hint)
	tw := tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
	writeRow(tw, header(cols))
	for _, r := range rows {
		writeRow(tw, cells(r, cols))
	}
	return tw.Flush()
}

// onlyList returns the one member of m that is a list, nil when there is
// none or more than one.
func onlyList(m map[string]any) []any {
	var found []any
	n := 0
	for _, v := range m {
		if l, ok := v.([]any); ok {
			found = l
			n++
		}
	}
	if n != 1 {
		return nil
	}
	if found == nil {
		return []any{}
	}
	return found
}

// maxColumns bounds a table's width; --query picks other columns.
const maxColumns = 8

// columnWords rank the columns worth showing when a row has more scalar
// members than fit.
var columnWords = []string{"status", "state", "name", "id", "type", "zone", "region", "ip", "cpu", "mem", "time"}

// itemHint is the hint for items of the named type: "InstanceForDescribeInstancesOutput" → "instance".
func itemHint(typeName string) string {
	if i := strings.Index(typeName, "For"); i > 0 {
		typeName = typeName[:i]
	}
	return strings.ToLower(typeName)
}

// columnsOf chooses the columns of rows: the scalar members of the first
// rows that are set in one of them; when there are more than maxColumns, those whose names say the
// most. A list of scalars has one column, VALUE ("" here).
func columnsOf(rows []any, hint string) []string {
	var keys []string
	for _, r := range rows[:min(len(rows), 10)] {
		m, ok := r.(map[string]any)
		if !ok {
			return []string{""}
		}
		for _, k := range sortedKeys(m) {
			// A column empty in every sampled row says nothing.
			if isScalar(m[k]) && cellText(m[k]) != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 && len(rows) > 0 {
		if m, ok := rows[0].(map[string]any); ok {
			keys = sortedKeys(m)
		}
	}
	rank := func(k string) int {
		lk := strings.ToLower(k)
		switch strings.ReplaceAll(lk, "_", "") {
		case hint + "id":
			return -2
		case hint + "name":
			return -1
		}
		for i, w := range columnWords {
			if strings.HasSuffix(lk, w) || strings.HasSuffix(lk, w+"s") {
				return i
			}
		}
		return len(columnWords)
	}
	slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
	if len(keys) > maxColumns {
		keys = keys[:maxColumns]
	}
	return keys
}

func cells(row any, cols []string) []string {
	out := make([]string, len(cols))
	m, ok := row.(map[string]any)
	for i, c := range cols {
		switch {
		case c == "":
			out[i] = cellText(row)
		case ok:
			out[i] = cellText(m[c])
		}
	}
	return out
}

func header(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if c == "" {
			c = "VALUE"
		}
		out[i] = c
	}
	return out
}

func writeRow(w io.Writer, cells []string) {
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

// cellText is a value on one line: scalars as text, others as compact
// JSON cut to 60 characters.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.NewReplacer("\t", " ", "\n", " ").Replace(v)
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func isScalar(v any) bool {
	switch v.(type) {
	case nil, string, json.Number, float64, bool:
		return true
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// numbersToFloat converts json.Number to float64 throughout v, in place.
func numbersToFloat(v any) any {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return t.String()
		}
		return f
	case map[string]any:
		for k, e := range t {
			t[k] = numbersToFloat(e)
		}
	case []any:
		for i, e := range t {
			t[i] = numbersToFloat(e)
		}
	}
	return v
}

// forYAML converts json.Number to an integer or float so that YAML writes
// numbers, not quoted strings.
func forYAML(v any) any {
	switch t := v.(type) {
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n
		}
		if f, err := t.Float64(); err == nil {
			return f
		}
		return t.String()
	case map[string]any:
		for k, e := range t {
			t[k] = forYAML(e)
		}
	case []any:
		for i, e := range t {
			t[i] = forYAML(e)
		}
	}
	return v
}
