// Module s3vectorsgen generates signer/testdata/vectors/s3.json by running
// aws-sdk-go-v2's SigV4 signer. It is a module of its own so that the
// multicloud module does not depend on the AWS SDK.
module s3vectorsgen

go 1.25

require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/smithy-go v1.28.9
)
