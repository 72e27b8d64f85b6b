package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndexListsEveryDataFile(t *testing.T) {
	c := New()
	assert.Equal(t, []string{JDCloud, QingCloud, Volcengine}, c.Providers())
	for _, info := range c.Services("") {
		s, err := c.Service(info.Provider, info.Name)
		require.NoError(t, err, "%s/%s", info.Provider, info.Name)
		assert.Equal(t, info.Provider, s.Provider)
		assert.Equal(t, info.Name, s.Name)
		assert.Equal(t, info.Version, s.Version)
		assert.Equal(t, info.Package, s.PackageName())
		assert.Len(t, s.Operations, info.Operations)
		assert.Empty(t, s.Generated, "the notice is not part of the decoded service")
	}
}

func TestServiceIsDecodedOnce(t *testing.T) {
	c := New()
	a, err := c.Service(QingCloud, "iaas")
	require.NoError(t, err)
	b, err := c.Service(QingCloud, "iaas")
	require.NoError(t, err)
	assert.Same(t, a, b)
}

func TestUnknownService(t *testing.T) {
	_, err := New().Service(QingCloud, "nosuch")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "qingcloud/nosuch")
	assert.Empty(t, New().Services("nosuch"))
}

// Every object type an operation or type refers to is in the service, so a
// program can walk any input or output to its leaves.
func TestEveryReferenceResolves(t *testing.T) {
	c := New()
	for _, info := range c.Services("") {
		s, err := c.Service(info.Provider, info.Name)
		require.NoError(t, err)
		var check func(where string, r TypeRef)
		check = func(where string, r TypeRef) {
			switch r.Kind {
			case KindObject:
				assert.NotNil(t, s.Type(r.Ref), "%s/%s %s: type %q", s.Provider, s.Name, where, r.Ref)
			case KindList, KindMap:
				if assert.NotNil(t, r.Elem, "%s: %s without element", where, r.Kind) {
					check(where, *r.Elem)
				}
			}
		}
		for _, op := range s.Operations {
			for _, f := range op.Input {
				assert.NotEmpty(t, f.Location, "%s.%s input %s", s.Name, op.Name, f.WireName)
				check(op.Name+"."+f.WireName, f.Type)
			}
			for _, f := range op.Output {
				check(op.Name+"."+f.WireName, f.Type)
			}
			if op.Paging != nil {
				assert.NotNil(t, op.InputField(op.Paging.SizeField()), "%s.%s paging size field", s.Name, op.Name)
				assert.NotNil(t, op.OutputField(op.Paging.Items), "%s.%s paging items", s.Name, op.Name)
			}
		}
		for _, ty := range s.Types {
			for _, f := range ty.Fields {
				check(ty.Name+"."+f.WireName, f.Type)
			}
		}
	}
}

func TestOperationLookup(t *testing.T) {
	s, err := New().Service(QingCloud, "iaas")
	require.NoError(t, err)
	op := s.Operation("DescribeInstances")
	require.NotNil(t, op)
	assert.Equal(t, "DescribeInstances", op.Action)
	assert.True(t, op.ReadOnly)
	assert.Equal(t, []string{"zone"}, op.Required())
	status := op.InputField("status")
	require.NotNil(t, status)
	assert.Equal(t, "list of string", status.Type.String())
	assert.Contains(t, status.Enum, "running")
	require.NotNil(t, op.Paging)
	assert.Equal(t, PageOffset, op.Paging.Style)
	assert.Equal(t, "limit", op.Paging.SizeField())
	assert.Equal(t, int64(100), op.Paging.MaxPageSize)
	assert.Equal(t, "object Instance", op.Paging.ItemType.String())
	assert.NotEmpty(t, s.Fields(op.Paging.ItemType))

	assert.Nil(t, s.Operation("describeinstances"))
	assert.Same(t, op, s.LookupOperation("describeinstances"))
	assert.Nil(t, s.LookupOperation("NoSuchAction"))
	assert.Nil(t, op.InputField("nosuch"))
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s, err := New().Service(JDCloud, "vm")
	require.NoError(t, err)
	b, err := Encode(s, "notice")
	require.NoError(t, err)
	back, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, s, back)
}

func TestDecodeRejectsBadFiles(t *testing.T) {
	for name, text := range map[string]string{
		"empty":         "",
		"bad header":    "{",
		"unknown line":  "{\"provider\":\"x\"}\n{\"other\":{}}\n",
		"truncated op":  "{\"provider\":\"x\"}\n{\"operation\":{\"name\":",
		"not an object": "{\"provider\":\"x\"}\n[]\n",
	} {
		_, err := Decode([]byte(text))
		assert.Error(t, err, name)
	}
}

func BenchmarkServiceDecode(b *testing.B) {
	for b.Loop() {
		if _, err := New().Service(QingCloud, "iaas"); err != nil {
			b.Fatal(err)
		}
	}
}

// Operation reads one operation and exactly the types it reaches, the same
// as the whole service has them.
func TestOperationAlone(t *testing.T) {
	full, err := New().Service(JDCloud, "vm")
	require.NoError(t, err)
	for _, want := range full.Operations {
		c := New()
		svc, op, err := c.Operation(JDCloud, "vm", want.Name)
		require.NoError(t, err, want.Name)
		assert.Equal(t, want, *op)
		assert.Equal(t, full.Version, svc.Version)
		assert.Equal(t, full.ResultField, svc.ResultField)
		var walk func(fields []Field)
		walk = func(fields []Field) {
			for _, r := range refs(nil, fields) {
				got := svc.Type(r)
				if assert.NotNil(t, got, "%s: type %s", want.Name, r) {
					assert.Equal(t, full.Type(r), got)
					walk(got.Fields)
				}
			}
		}
		walk(op.Input)
		walk(op.Output)
	}
	_, _, err = New().Operation(JDCloud, "vm", "NoSuch")
	assert.ErrorContains(t, err, `no operation "NoSuch"`)
	_, _, err = New().Operation(JDCloud, "nosuch", "X")
	assert.Error(t, err)

	// Once the service is decoded, Operation answers from it.
	c := New()
	svc, err := c.Service(QingCloud, "iaas")
	require.NoError(t, err)
	again, op, err := c.Operation(QingCloud, "iaas", "RunInstances")
	require.NoError(t, err)
	assert.Same(t, svc, again)
	assert.Same(t, svc.Operation("RunInstances"), op)
}

func BenchmarkOperationAlone(b *testing.B) {
	for b.Loop() {
		if _, _, err := New().Operation(QingCloud, "iaas", "RunInstances"); err != nil {
			b.Fatal(err)
		}
	}
}
