module github.com/multicloud-go/multicloud

go 1.25

require (
	github.com/google/go-querystring v1.2.0 // indirect
	github.com/jarcoal/httpmock v1.4.2 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	golang.org/x/time v0.15.0 // indirect
)
