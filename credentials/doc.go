// Package credentials finds the keys that requests to JD Cloud, Volcengine
// and QingCloud are signed with.
//
// A Provider returns signer.Credentials; the core client accepts any Provider
// (it is multicloud.CredentialsProvider). This package has:
//
//   - Static, Func and ExpiringFunc for credentials that user code holds or
//     fetches (an STS AssumeRole call, a secrets manager);
//   - EnvProvider and the file providers, which read each cloud's own
//     environment variables and config files;
//   - Chain, which tries providers in order, and the per-cloud chains
//     JDCloudDefault, VolcengineDefault and QingCloudDefault;
//   - Cache, which keeps credentials in memory and refreshes expiring ones
//     ahead of their expiry, with one refresh shared by concurrent callers.
//
// # Where the default chains look
//
// Volcengine (VolcengineDefault), following volcengine-go-sdk and
// volc-sdk-golang:
//
//  1. VOLCENGINE_ACCESS_KEY | VOLCSTACK_ACCESS_KEY_ID | VOLCSTACK_ACCESS_KEY,
//     VOLCENGINE_SECRET_KEY | VOLCSTACK_SECRET_ACCESS_KEY | VOLCSTACK_SECRET_KEY,
//     VOLCENGINE_SESSION_TOKEN | VOLCSTACK_SESSION_TOKEN (optional);
//  2. VOLC_ACCESSKEY, VOLC_SECRETKEY;
//  3. the INI file $VOLCSTACK_SHARED_CREDENTIALS_FILE, else
//     $HOME/.volcengine/credentials: profile $VOLCSTACK_PROFILE, else
//     "default"; keys volcengine_access_key_id, volcengine_secret_access_key,
//     volcengine_session_token (or the volcstack_ names);
//  4. the Volcengine CLI's (ve) JSON file $VOLCENGINE_CLI_CONFIG_FILE, else
//     $HOME/.volcengine/config.json: profile $VOLCENGINE_PROFILE, else
//     $VOLCSTACK_PROFILE, else the file's "current", else "default"; members
//     access-key, secret-key, session-token of a profile in mode "ak" (a
//     profile in another mode stops the chain with a *ParseError);
//  5. the JSON file $HOME/.volc/config: {"ak": "...", "sk": "..."}.
//
// The shared credentials file comes before the CLI's file as in
// volcengine-go-sdk, whose session falls back to its default chain (and the
// CLI's file) only when the shared credentials file has no keys.
//
// QingCloud (QingCloudDefault):
//
//  1. QINGCLOUD_ACCESS_KEY_ID, QINGCLOUD_SECRET_ACCESS_KEY; QingCloud's own
//     SDKs read no environment variables, these names are ours;
//  2. the YAML file $HOME/.qingcloud/config.yaml: qy_access_key_id,
//     qy_secret_access_key.
//
// JD Cloud (JDCloudDefault):
//
//  1. JDCLOUD_ACCESS_KEY, JDCLOUD_SECRET_KEY (the names of JD Cloud's Packer
//     builder; JD's SDKs and CLI read no environment variables);
//  2. the JD Cloud CLI's INI file $HOME/.jdc/config: profile from
//     $HOME/.jdc/current, else "default"; keys access_key, secret_key.
//
// # Default region and zone
//
// JDCloudRegion, VolcengineRegion and QingCloudZone return the region or zone
// to use when the caller names none, from the same places as the chains, in
// the same order and with the same profile: JDCLOUD_REGION, then region_id
// of the JD Cloud CLI profile; VOLCENGINE_REGION | VOLCSTACK_REGION, then
// region of the shared credentials file's profile, then region of the ve
// CLI's profile; QINGCLOUD_ZONE, then zone
// of $HOME/.qingcloud/config.yaml. Credentials and place come from one parse
// of a file, so a file that the chain rejects gives the same error here. The
// files are read no further than the one the chain takes credentials from:
// the place comes from that file, or from an earlier one that names a place
// and holds no keys, never from a later one.
//
// A profile selected by name (WithProfile, a profile variable) that one
// file lacks is looked for in the chain's later files, so a Volcengine
// profile may live in either file; when none has it, the error is the
// first file's "profile not found" (ErrInvalid).
//
// HOME is USERPROFILE on Windows. WithProfile selects another profile;
// WithHomeDir and WithLookupEnv replace the home directory and the process
// environment, which is how the tests run without touching either.
//
// # Errors
//
// Every error wraps ErrNotFound (no credentials in that place; a Chain moves
// on) or ErrInvalid (credentials are there but unusable: a malformed file, a
// key without its secret; a Chain stops), except errors of user functions and
// of the context, which are returned as they are (so errors.Is(err,
// context.Canceled) works), and the error for a nil context or provider. When a chain finds nothing,
// its *NotFoundError lists every place it looked. Files that do not parse give
// a *ParseError with the file, line and key. No error, log line or formatted
// value of this package contains a secret: messages name variables, files,
// lines and keys, never values, and signer.Credentials print redacted.
//
// Nothing here writes a file: where an official SDK installs a default config
// file when there is none (QingCloud's does), these providers report that
// nothing was found.
//
// The file parsers are small and strict. They accept exactly the subset of
// INI, YAML and JSON the clouds' own tools write, and reject anything else
// with the file and line rather than guess.
package credentials
