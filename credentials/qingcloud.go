package credentials

// QingCloud's official SDK (github.com/yunify/qingcloud-sdk-go) reads no
// environment variables for credentials, only HOME to find
// ~/.qingcloud/config.yaml (config/contract.go, config/config.go: struct tags
// qy_access_key_id and qy_secret_access_key; b5f7eb8, 2025-04). Its
// LoadUserConfig writes a default file when there is none; we never write.
//
// QINGCLOUD_ACCESS_KEY_ID and QINGCLOUD_SECRET_ACCESS_KEY are this SDK's own
// names, not a QingCloud convention.

// Environment variables of this SDK for QingCloud.
const (
	// QingCloudAccessKeyIDEnv holds the QingCloud access key id.
	QingCloudAccessKeyIDEnv = "QINGCLOUD_ACCESS_KEY_ID"
	// QingCloudSecretAccessKeyEnv holds the QingCloud secret access key.
	QingCloudSecretAccessKeyEnv = "QINGCLOUD_SECRET_ACCESS_KEY"
	// QingCloudZoneEnv holds the default QingCloud zone (see QingCloudZone).
	QingCloudZoneEnv = "QINGCLOUD_ZONE"
)

// Keys of ~/.qingcloud/config.yaml that error messages may name: the two
// credentials and the SDK's other settings (config.Config's yaml tags).
var qingCloudKnownKeys = []string{
	"qy_access_key_id", "qy_secret_access_key",
	"host", "port", "protocol", "uri", "connection_retries", "connection_timeout", "log_level", "zone",
	"credential_proxy_protocol", "credential_proxy_host", "credential_proxy_port", "credential_proxy_uri",
}

// QingCloudEnv returns a provider that reads QINGCLOUD_ACCESS_KEY_ID and
// QINGCLOUD_SECRET_ACCESS_KEY. These names are this SDK's own: QingCloud's
// SDKs read credentials from no environment variable. Only WithLookupEnv
// applies.
func QingCloudEnv(opts ...Option) EnvProvider {
	o := newOptions(opts)
	return EnvProvider{
		AccessKeyIDVars:     []string{QingCloudAccessKeyIDEnv},
		SecretAccessKeyVars: []string{QingCloudSecretAccessKeyEnv},
		LookupEnv:           o.lookupEnv,
	}
}

// QingCloudConfigFile returns a provider that reads the QingCloud SDK's config
// file, a flat YAML mapping:
//
//	qy_access_key_id: 'QYACCESSKEYIDEXAMPLE'
//	qy_secret_access_key: 'SECRETACCESSKEY'
//	zone: 'pek3'
//
// path "" means $HOME/.qingcloud/config.yaml. Only the two keys are used (and
// zone by QingCloudZone); the other settings are parsed (so the file is
// checked) and ignored. The parser
// accepts the flat subset of YAML such files use: comments, "key: value" lines
// with plain, 'single-quoted' or "double-quoted" values; it rejects anything
// else (nesting, lists, anchors, multi-line values, duplicate keys) with the
// file and line. A missing file, or a file
// without the keys (like the SDK's default file, where they are commented
// out), is ErrNotFound. The file is never written, whereas the QingCloud SDK
// creates a default one.
func QingCloudConfigFile(path string, opts ...Option) Provider {
	return qingCloudConfigFile(path, newOptions(opts))
}

func qingCloudConfigFile(path string, o *options) *fileProvider {
	return &fileProvider{
		display: "$HOME/.qingcloud/config.yaml",
		locate:  locateFile(o, path, "", ".qingcloud", "config.yaml"),
		extract: parseQingCloudConfig,
	}
}

// parseQingCloudConfig extracts the credentials and the zone from a
// QingCloud config file.
func parseQingCloudConfig(path string, data []byte) (fileSettings, error) {
	m, err := parseFlatYAML(path, data, qingCloudKnownKeys)
	if err != nil {
		return fileSettings{}, err
	}
	get := func(k string) (string, int, bool) {
		v, ok := m[k]
		return v.value, v.line, ok
	}
	s := fileSettings{path: path, place: pick(get, "zone")}
	s.creds, s.credsErr = credentialsFromFields(path, "file "+path, pick(get, "qy_access_key_id"), pick(get, "qy_secret_access_key"), field{})
	return s, nil
}

// QingCloudZone returns the default QingCloud zone from the places
// QingCloudDefault reads credentials from, in the same order:
//
//  1. the environment variable QINGCLOUD_ZONE (this SDK's name);
//  2. the key zone of $HOME/.qingcloud/config.yaml (qingcloud-sdk-go's
//     config.Config).
//
// It returns "" and a nil error when neither names a zone. A file that does
// not parse gives the *ParseError (ErrInvalid) that QingCloudDefault would
// give; errors never hold a secret. The file has no profiles, so WithProfile
// does not apply; WithLookupEnv and WithHomeDir do.
func QingCloudZone(opts ...Option) (string, error) {
	o := newOptions(opts)
	return defaultPlace(o, []string{QingCloudZoneEnv}, qingCloudConfigFile("", o))
}

// QingCloudDefault returns the chain the QingCloud client uses when given no
// credentials. It looks, in this order, at:
//
//  1. QingCloudEnv: QINGCLOUD_ACCESS_KEY_ID, QINGCLOUD_SECRET_ACCESS_KEY (this
//     SDK's names);
//  2. QingCloudConfigFile: $HOME/.qingcloud/config.yaml.
//
// See Chain for what stops the search.
func QingCloudDefault(opts ...Option) *ChainProvider {
	return Chain(QingCloudEnv(opts...), QingCloudConfigFile("", opts...))
}
