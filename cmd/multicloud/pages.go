package main

import (
	"context"
	"encoding/json"
	"iter"
	"maps"
	"strconv"

	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/internal/paging"
)

// pageInput is the paging position of one request: the fields package
// paging reads and advances. The other parameters stay in the caller's map.
type pageInput struct {
	number, size, offset, totalAsked *int64
	sizeText                         string
	token                            *string
}

// page is one decoded answer of a list operation.
type page struct {
	items []json.RawMessage
	total int64
	next  string
}

// allItems returns an iterator over the items of every page of a list
// operation, with the stop rules of package paging (the typed packages'
// XxxAll iterators) driven by the catalog's paging facts. Pages are decoded
// one at a time and dropped once their items are yielded.
func allItems(ctx context.Context, c caller, svc *catalog.Service, op *catalog.Operation, params map[string]any) (iter.Seq2[json.RawMessage, error], error) {
	pg := op.Paging
	if pg == nil {
		return nil, usageError("--all: %s does not page; call it without --all", op.Name)
	}
	spec := paging.Spec[pageInput, page, json.RawMessage]{
		MaxSize: pg.MaxPageSize,
		Items:   func(p *page) []json.RawMessage { return p.items },
	}
	var in pageInput
	if f := op.InputField(pg.SizeField()); f != nil && f.Type.Kind == catalog.KindString {
		in.sizeText, _ = params[f.WireName].(string)
		spec.SizeText = func(in *pageInput) *string { return &in.sizeText }
	} else {
		in.size = intParam(params, pg.SizeField())
		spec.Size = func(in *pageInput) **int64 { return &in.size }
	}
	switch pg.Style {
	case catalog.PagePage:
		spec.Style = paging.Page
		in.number = intParam(params, pg.PageNumber)
		spec.Number = func(in *pageInput) **int64 { return &in.number }
	case catalog.PageOffset:
		spec.Style = paging.Offset
		in.offset = intParam(params, pg.Offset)
		spec.Offset = func(in *pageInput) **int64 { return &in.offset }
	case catalog.PageToken:
		spec.Style = paging.Token
		if t, ok := params[pg.Token].(string); ok {
			in.token = &t
		}
		spec.Token = func(in *pageInput) **string { return &in.token }
		spec.Next = func(p *page) string { return p.next }
	default:
		return nil, usageError("--all: %s pages in a way this tool does not know (%q)", op.Name, pg.Style)
	}
	if pg.Total != "" {
		spec.Total = func(p *page) int64 { return p.total }
	}
	if pg.TotalRequires != "" {
		in.totalAsked = intParam(params, pg.TotalRequires)
		spec.TotalAsked = func(in *pageInput) **int64 { return &in.totalAsked }
	}

	call := func(ctx context.Context, in *pageInput) (*page, error) {
		p := maps.Clone(params)
		setInt(p, pg.PageNumber, in.number)
		setInt(p, pg.Offset, in.offset)
		if spec.SizeText != nil {
			if in.sizeText != "" {
				p[pg.SizeField()] = in.sizeText
			}
		} else {
			setInt(p, pg.SizeField(), in.size)
		}
		if in.token != nil && pg.Token != "" {
			p[pg.Token] = *in.token
		}
		raw, err := c.operation(ctx, svc, op, p)
		if err != nil {
			return nil, err
		}
		return decodePage(raw, pg)
	}
	return paging.All(ctx, &in, call, spec), nil
}

// decodePage reads the items, total and next token of one answer.
func decodePage(raw json.RawMessage, pg *catalog.Paging) (*page, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	p := &page{}
	if b := m[pg.Items]; len(b) > 0 && string(b) != "null" {
		if err := json.Unmarshal(b, &p.items); err != nil {
			return nil, err
		}
	}
	if b := m[pg.Total]; pg.Total != "" && len(b) > 0 {
		var n json.Number
		if json.Unmarshal(b, &n) == nil {
			p.total, _ = n.Int64()
		}
	}
	if b := m[pg.NextToken]; pg.NextToken != "" && len(b) > 0 {
		_ = json.Unmarshal(b, &p.next)
	}
	return p, nil
}

// intParam reads an integer parameter the user set, nil when unset or not
// an integer (the encoder reports that).
func intParam(params map[string]any, name string) *int64 {
	if name == "" {
		return nil
	}
	v, ok := params[name]
	if !ok {
		return nil
	}
	n, err := strconv.ParseInt(scalarText(v), 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

func setInt(params map[string]any, name string, v *int64) {
	if name != "" && v != nil {
		params[name] = strconv.FormatInt(*v, 10)
	}
}
