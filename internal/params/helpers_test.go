package params

import "encoding/json"

func jsonUnmarshal(doc string, v any) error { return json.Unmarshal([]byte(doc), v) }
