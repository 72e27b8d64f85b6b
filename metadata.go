package multicloud

// Metadata describes the successful call that produced a typed output, in
// the manner of aws-sdk-go-v2's result metadata. Every generated XxxOutput
// carries one in its ResultMetadata field; it is not part of the API's
// answer and is never serialized.
type Metadata struct {
	// RequestID is the provider's id of the request that succeeded: JD
	// Cloud's requestId, Volcengine's ResponseMetadata.RequestId. QingCloud
	// sends none, so it is empty there.
	RequestID string
	// StatusCode is the HTTP status of the successful answer.
	StatusCode int
	// Attempts is how many times the request was sent, retries included.
	Attempts int
}
