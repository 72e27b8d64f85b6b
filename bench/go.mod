module github.com/multicloud-go/multicloud/bench

go 1.25

replace github.com/multicloud-go/multicloud => ../

require (
	github.com/jdcloud-api/jdcloud-sdk-go v1.67.0
	github.com/multicloud-go/multicloud v0.0.0-00010101000000-000000000000
	github.com/volcengine/volcengine-go-sdk v1.1.35
	github.com/yunify/qingcloud-sdk-go v0.0.0-20250417083958-b5f7eb82df62
)

require (
	github.com/gofrs/uuid v4.4.0+incompatible // indirect
	github.com/google/uuid v1.3.0 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	github.com/konsorten/go-windows-terminal-sequences v1.0.3 // indirect
	github.com/sirupsen/logrus v1.6.0 // indirect
	github.com/volcengine/volc-sdk-golang v1.0.23 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/time v0.14.0 // indirect
	gopkg.in/yaml.v2 v2.3.0 // indirect
)
