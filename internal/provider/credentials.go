package provider

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// setting is one provider attribute with the environment variables that can
// supply it, in the order they are consulted.
type setting struct {
	attribute string
	envVars   []string
}

// The environment variables match the official provider's, so CI pipelines
// keep working unchanged.
var (
	settingPublicKey    = setting{"public_key", []string{"MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY"}}
	settingPrivateKey   = setting{"private_key", []string{"MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"}}
	settingClientID     = setting{"client_id", []string{"MONGODB_ATLAS_CLIENT_ID"}}
	settingClientSecret = setting{"client_secret", []string{"MONGODB_ATLAS_CLIENT_SECRET"}}
	settingAccessToken  = setting{"access_token", []string{"MONGODB_ATLAS_ACCESS_TOKEN"}}
	settingBaseURL      = setting{"base_url", []string{"MONGODB_ATLAS_BASE_URL", "MCLI_OPS_MANAGER_URL"}}
	settingCMBaseURL    = setting{"cloud_manager_base_url", []string{"MONGODB_CLOUD_MANAGER_BASE_URL"}}
	settingCMAllowHTTP  = setting{"cloud_manager_allow_insecure_http", []string{"MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP"}}
)

// resolveBool takes a boolean attribute from the provider block when set (false included),
// else from its environment variable, which must then be a boolean.
func resolveBool(s setting, fromConfig types.Bool, getenv func(string) string) (bool, *credentialProblem) {
	if !fromConfig.IsNull() {
		return fromConfig.ValueBool(), nil
	}
	for _, name := range s.envVars {
		raw := strings.TrimSpace(getenv(name))
		if raw == "" {
			continue
		}
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return false, &credentialProblem{attribute: s.attribute, summary: "Invalid " + name,
				detail: fmt.Sprintf("The environment variable %s is %q; set it to true or false (or unset it).", name, raw)}
		}
		return v, nil
	}
	return false, nil
}

// insecureHTTPWarning says what crosses the network in clear when Cloud Manager requests go
// over plain HTTP. It is shown once per Terraform command, so the choice stays visible.
func insecureHTTPWarning(baseURL string) string {
	return fmt.Sprintf("cloud_manager_allow_insecure_http is set and cloud_manager_base_url is %q, so Cloud Manager / Ops Manager requests "+
		"and answers travel unencrypted: anyone on the network path can read and change them. HTTP Digest never sends the private key, "+
		"but the public key, project names and ids, and answers such as each project's agent_api_key (which lets agents report to the project) do travel in clear. "+
		"Serve Ops Manager over HTTPS (a certificate from a private certificate authority is fine: see the Ops Manager guide) and unset the setting.", baseURL)
}

// describe names where a value can come from, for error messages.
func (s setting) describe() string {
	return fmt.Sprintf("%s (or the %s environment variable)", s.attribute, strings.Join(s.envVars, " / "))
}

// resolved is a value together with where it came from.
type resolved struct {
	value  string
	source string // "provider block", "environment variable NAME" or ""
}

// resolve takes the attribute from the provider block when set, else from the
// first non-empty environment variable. Each attribute is resolved on its own:
// a key in the block does not hide a base URL in the environment.
func resolve(s setting, fromConfig types.String, getenv func(string) string) resolved {
	if v := strings.TrimSpace(fromConfig.ValueString()); v != "" {
		return resolved{value: v, source: "provider block"}
	}
	for _, name := range s.envVars {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return resolved{value: v, source: "environment variable " + name}
		}
	}
	return resolved{}
}

// credentialProblem is a configuration error tied to one provider attribute.
type credentialProblem struct {
	attribute string
	summary   string
	detail    string
}

// credentialChoice is the outcome of credential resolution.
type credentialChoice struct {
	credentials atlas.Credentials
	method      string   // human name of the chosen kind
	warnings    []string // e.g. several kinds set
}

// chooseCredentials picks the credential kind: access token, then service
// account, then API key, the first that is set wins. Half of a pair is an error,
// even when another kind is complete, because it is almost always a typo.
func chooseCredentials(accessToken, clientID, clientSecret, publicKey, privateKey resolved) (credentialChoice, *credentialProblem) {
	if p := halfPair(settingClientID, clientID, settingClientSecret, clientSecret, "service account"); p != nil {
		return credentialChoice{}, p
	}
	if p := halfPair(settingPublicKey, publicKey, settingPrivateKey, privateKey, "API key"); p != nil {
		return credentialChoice{}, p
	}
	if strings.HasPrefix(publicKey.value, "mdb_sa_id_") {
		return credentialChoice{}, &credentialProblem{
			attribute: settingPublicKey.attribute,
			summary:   "Service account id given as an API key",
			detail: fmt.Sprintf("public_key (from the %s) looks like a service account client id (mdb_sa_id_...). "+
				"Set it as client_id (MONGODB_ATLAS_CLIENT_ID) and its secret as client_secret (MONGODB_ATLAS_CLIENT_SECRET).", publicKey.source),
		}
	}

	var kinds []string
	var choice credentialChoice
	if accessToken.value != "" {
		kinds = append(kinds, "access token")
	}
	if clientID.value != "" {
		kinds = append(kinds, "service account")
	}
	if publicKey.value != "" {
		kinds = append(kinds, "API key")
	}
	if len(kinds) == 0 {
		return credentialChoice{}, &credentialProblem{
			attribute: "",
			summary:   "Missing MongoDB Atlas credentials",
			detail: "Set one kind of credentials in the provider block or the environment: " +
				settingAccessToken.describe() + "; or " + settingClientID.describe() + " with " + settingClientSecret.describe() +
				"; or " + settingPublicKey.describe() + " with " + settingPrivateKey.describe() + ".",
		}
	}
	switch kinds[0] {
	case "access token":
		choice.credentials = atlas.Credentials{AccessToken: accessToken.value}
	case "service account":
		choice.credentials = atlas.Credentials{ClientID: clientID.value, ClientSecret: clientSecret.value}
	default:
		choice.credentials = atlas.Credentials{PublicKey: publicKey.value, PrivateKey: privateKey.value}
	}
	choice.method = kinds[0]
	if len(kinds) > 1 {
		choice.warnings = append(choice.warnings, fmt.Sprintf(
			"Credentials for %s are set; the provider uses the %s (order of precedence: access token, service account, API key). "+
				"Unset the others to silence this warning.", strings.Join(kinds, " and "), kinds[0]))
	}
	return choice, nil
}

func halfPair(a setting, av resolved, b setting, bv resolved, kind string) *credentialProblem {
	switch {
	case av.value != "" && bv.value == "":
		return &credentialProblem{attribute: b.attribute, summary: "Incomplete " + kind + " credentials",
			detail: fmt.Sprintf("%s is set (from the %s) but %s is not. Set %s.", a.attribute, av.source, b.attribute, b.describe())}
	case av.value == "" && bv.value != "":
		return &credentialProblem{attribute: a.attribute, summary: "Incomplete " + kind + " credentials",
			detail: fmt.Sprintf("%s is set (from the %s) but %s is not. Set %s.", b.attribute, bv.source, a.attribute, a.describe())}
	}
	return nil
}

// attributePath returns the provider attribute path, or an empty path for
// problems that are not tied to one attribute.
func attributePath(name string) path.Path {
	if name == "" {
		return path.Empty()
	}
	return path.Root(name)
}

// osGetenv is replaced in tests.
var osGetenv = os.Getenv

// tokenFailure explains a failed service account token request. Only an answer from the
// token endpoint says something about the credentials; no answer, or a 404 (a base_url
// without the endpoint, such as an Ops Manager, which has no service accounts), is about
// base_url.
func tokenFailure(err error) (summary, detail string) {
	apiErr, answered := atlas.AsError(err)
	switch {
	case !answered:
		return "The service account token endpoint cannot be reached", fmt.Sprintf(
			"Requesting an access token failed: %s. The token endpoint is at base_url (MONGODB_ATLAS_BASE_URL): check it, "+
				"and the network and any proxy between here and it.", err)
	case apiErr.Status == 404:
		return "base_url has no service account token endpoint", fmt.Sprintf(
			"Requesting an access token failed: %s. base_url must be Atlas's host root, such as %s; Ops Manager has no service accounts: "+
				"use a programmatic API key (public_key and private_key) for it, with its address in cloud_manager_base_url.", err, atlas.DefaultBaseURL)
	}
	return "MongoDB Atlas rejected the service account credentials", fmt.Sprintf(
		"Requesting an access token failed: %s. Check client_id and client_secret (MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET).", err)
}
