package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// TestIsSecret checks the secret-name table row by row, with the names of
// the staged specs that must and must not match.
func TestIsSecret(t *testing.T) {
	str := api.TypeRef{Kind: api.KindString}
	for _, name := range []string{
		"password", "adminPassword", "SuperAccountPassword", "AccountPassword", "WindowsPassword",
		"mongo_password", "rdb_password", "login_passwd", "graphics_passwd", "default_passwd",
		"privateKey", "PrivateKey", "private_key", "priv_key", "clientKey", "client_key",
		"secretKey", "SecretAccessKey", "secret_access_key", "accessKeySecret", "ClientSecret",
		"webHookSecret", "DecryptionKey", "static_key", "ApiKey", "Secret", "secret", "Token",
		"SessionToken", "securityToken", "passphrase",
	} {
		assert.True(t, IsSecret(name, str), name)
	}
	assert.True(t, IsSecret("passwords", api.TypeRef{Kind: api.KindList, Elem: &str}) == false, "a plural is no match")
	assert.True(t, IsSecret("Password", api.TypeRef{Kind: api.KindList, Elem: &str}), "a list of secret strings")
	for _, name := range []string{
		"includePassword", "noPassword", "needResetPassword", "autoGeneratePassword", "passwordAuth",
		"passWordAuth", "f_resetpwd", "ClientToken", "clientToken", "NextToken", "accessKey", "AccessKey",
		"publicKey", "PublicKey", "pub_key", "certificateId", "ca_cert", "userdata", "UserData",
		"user_data", "TagKey", "key", "PasswordExpireAt", "LastResetPasswordTime",
	} {
		assert.False(t, IsSecret(name, str), name)
	}
	assert.False(t, IsSecret("password", api.TypeRef{Kind: api.KindBool}), "only strings hold secrets")
	assert.False(t, IsSecret("PrivateKey", api.TypeRef{Kind: api.KindObject, Ref: "PrivateKey"}))
}

// TestIdempotencyToken checks the token table: a top-level string input of
// the provider's name, nothing else.
func TestIdempotencyToken(t *testing.T) {
	str := api.TypeRef{Kind: api.KindString}
	op := func(fs ...api.Field) *api.Operation { return &api.Operation{Input: fs} }
	for _, c := range []struct {
		provider string
		op       *api.Operation
		want     string
	}{
		{api.ProviderVolcengine, op(api.Field{WireName: "ClientToken", Type: str}), "ClientToken"},
		{api.ProviderJDCloud, op(api.Field{WireName: "clientToken", Type: str}), "clientToken"},
		{api.ProviderJDCloud, op(api.Field{WireName: "ClientToken", Type: str}), ""},
		{api.ProviderVolcengine, op(api.Field{WireName: "clientToken", Type: str}), ""},
		{api.ProviderVolcengine, op(api.Field{WireName: "CreateClientToken", Type: str}), ""},
		{api.ProviderVolcengine, op(api.Field{WireName: "ClientToken", Type: api.TypeRef{Kind: api.KindInt64}}), ""},
		{api.ProviderQingCloud, op(api.Field{WireName: "ClientToken", Type: str}), ""},
		{api.ProviderVolcengine, op(), ""},
	} {
		assert.Equal(t, c.want, IdempotencyToken(c.provider, c.op), "%s %+v", c.provider, c.op.Input)
	}
}

func TestJDDocFacts(t *testing.T) {
	for _, c := range []struct{ doc, min, max, def string }{
		{"分页大小；<br>默认为20；取值范围[10, 100]。", "10", "100", "20"},
		{"创建实例的数量，不能超过用户配额。\n取值范围：[1,100]；默认值：1。", "1", "100", "1"},
		{"ssd 类型取值范围[20,1000]GB，premium-hdd 类型取值范围[20,3000]GB", "", "", ""},
		{"默认为0，默认为1", "", "", ""},
		{"no facts", "", "", ""},
		{"［1～10］", "1", "10", ""},
	} {
		min, max, def := jdDocFacts(c.doc)
		assert.Equal(t, []string{c.min, c.max, c.def}, []string{min, max, def}, c.doc)
	}
}
