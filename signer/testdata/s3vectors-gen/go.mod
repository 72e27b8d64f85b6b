// Module s3vectorsgen generates signer/testdata/vectors/s3.json by running
// aws-sdk-go-v2's SigV4 signer. It is a module of its own so that the
// multicloud module does not depend on the AWS SDK.
module s3vectorsgen

go 1.25

require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/smithy-go v1.28.9
)

// The comparison benchmark signs with the multicloud signer of this tree.
require github.com/multicloud-go/multicloud v0.0.0

replace github.com/multicloud-go/multicloud => ../../..
