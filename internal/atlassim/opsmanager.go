package atlassim

// Ops Manager flavour (Options.Flavor = FlavorOpsManager): the same Public API v1.0 as
// Cloud Manager, installed in a company's own network. What differs, and matters to
// project management:
//   - Only /api/public/v1.0 exists: Atlas's Admin API and the OAuth token endpoint answer
//     404, and Bearer tokens are refused (Ops Manager authenticates programmatic API keys
//     with HTTP Digest only).
//   - POST /groups may leave orgId out: Ops Manager then creates a new organization, named
//     after the project, and puts the project in it. Creating an organization needs the
//     Global Owner role, which only a global API key has here (Options.GlobalPublicKey);
//     the organization's own key gets 403 USER_UNAUTHORIZED. A global key may create
//     projects in any organization; the organization's key only in its own.
//   - Reads leave agentApiKey out, as recent Ops Manager releases do; only the create
//     answer carries it.

import (
	"fmt"
	"net/http"
	"strings"
)

// Flavor selects which MongoDB service the simulator plays.
type Flavor string

const (
	// FlavorCloudManager is MongoDB's cloud, cloud.mongodb.com: Atlas's Admin API and the
	// Cloud Manager Public API on one host. It is the default.
	FlavorCloudManager Flavor = "cloud-manager"
	// FlavorOpsManager is a self-hosted Ops Manager: the Public API v1.0 only.
	FlavorOpsManager Flavor = "ops-manager"
)

// ParseFlavor accepts the -flavor values of cmd/atlas-sim.
func ParseFlavor(s string) (Flavor, error) {
	switch Flavor(s) {
	case "", FlavorCloudManager:
		return FlavorCloudManager, nil
	case FlavorOpsManager:
		return FlavorOpsManager, nil
	}
	return "", fmt.Errorf("unknown flavor %q: use %s or %s", s, FlavorCloudManager, FlavorOpsManager)
}

func (s *Server) opsManager() bool { return s.opts.Flavor == FlavorOpsManager }

// globalPrincipalPrefix marks requests authenticated with the global API key.
const globalPrincipalPrefix = "globalkey:"

// refuseInOpsManager answers what Ops Manager does not serve, before authentication: every
// path outside the Public API. It reports whether it answered.
func (s *Server) refuseInOpsManager(w http.ResponseWriter, r *http.Request) bool {
	if !s.opsManager() || strings.HasPrefix(r.URL.Path, "/api/public/") {
		return false
	}
	writeAPIError(w, errResourceNotFound(r.URL.Path), renderOptionsFrom(r))
	return true
}

// bearerRefused reports a Bearer token sent to Ops Manager, which has no OAuth.
func (s *Server) bearerRefused(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	return s.opsManager() && len(h) >= len("Bearer ") && strings.EqualFold(h[:len("Bearer ")], "Bearer ")
}

// globalKeyCredentials is the digest check for Ops Manager's global API key: called when the
// username is not the organization's key.
func (s *Server) globalKeyCredentials(username string) (privateKey, principal string, ok bool) {
	if !s.opsManager() || s.opts.GlobalPublicKey == "" || username != s.opts.GlobalPublicKey {
		return "", "", false
	}
	return s.opts.GlobalPrivateKey, globalPrincipalPrefix + s.opts.GlobalPublicKey, true
}

func errUserUnauthorized() *apiError {
	return newError(http.StatusForbidden, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.")
}

// checkCreateOrg checks the organization of a new project; given is false when the request
// left orgId out (reached in Ops Manager only, where the caller then needs the global key).
// Caller holds s.mu.
func (s *Server) checkCreateOrg(c *call, orgID string, given bool) *apiError {
	global := strings.HasPrefix(c.principal, globalPrincipalPrefix)
	if !given {
		if !global {
			return errUserUnauthorized()
		}
		return nil
	}
	if !hexIDPattern.MatchString(orgID) {
		return newError(http.StatusBadRequest, "INVALID_ORG_ID",
			fmt.Sprintf("An invalid organization ID %s was specified.", orgID), orgID)
	}
	_, extra := s.world.cloudManager.orgs[orgID]
	if orgID != s.world.orgID && !extra {
		return errOrgNotFound(orgID)
	}
	if orgID != s.world.orgID && !global {
		return errUserUnauthorized()
	}
	return nil
}

// newOrganization records an organization Ops Manager made for a project created without
// orgId, and returns its id.
func (cw *cloudManagerWorld) newOrganization(name string) string {
	if cw.orgs == nil {
		cw.orgs = map[string]string{}
	}
	id := newID()
	cw.orgs[id] = name
	return id
}

// CloudManagerOrganizations returns the organizations Ops Manager created for projects
// made without orgId, id -> name (the simulator's own organization is not included).
func (s *Server) CloudManagerOrganizations() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.world.cloudManager.orgs))
	for id, name := range s.world.cloudManager.orgs {
		out[id] = name
	}
	return out
}
