module github.com/multicloud-go/multicloud

go 1.25

require (
	github.com/go-redis/redis_rate/v10 v10.0.1
	github.com/jarcoal/httpmock v1.4.2
	github.com/jmespath/go-jmespath v0.4.0
	github.com/redis/go-redis/v9 v9.22.0
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.5
	golang.org/x/time v0.14.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	go.uber.org/atomic v1.11.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
)
