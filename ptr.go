package multicloud

// Ptr returns a pointer to v, for the optional fields of typed inputs:
//
//	in := &vm.DescribeInstancesInput{PageSize: multicloud.Ptr[int64](50)}
//
// (Go 1.26's new(50) does the same; the module supports Go 1.25.)
func Ptr[T any](v T) *T { return &v }
